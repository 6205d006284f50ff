using System.Globalization;

namespace Depwatch.Server.Configuration;

/// <summary>The value to store for a requested value, or why it does not fit the property (Dependency-Track's texts).</summary>
public readonly record struct ValueCheck(string? Value, string? Error)
{
    public bool Accepted => Error is null;

    public static ValueCheck Accept(string? value) => new(value, null);

    public static ValueCheck Reject(string error) => new(null, error);
}

/// <summary>Type rules for config property values, applied to API updates and start-up configuration alike.</summary>
public static class ConfigPropertyValues
{
    public const string NotAnInteger = "The property expected an integer and an integer was not sent.";
    public const string NotANumber = "The property expected a number and a number was not sent.";
    public const string NotAUrl = "The property expected a URL but the URL was malformed.";
    public const string NotAUuid = "The property expected a UUID but a valid UUID was not sent.";
    public const string NotAHeaderName = "The Trivy token header must be an HTTP header name, such as Trivy-Token.";

    /// <summary>Checks a plain value; ENCRYPTEDSTRING values are the caller's (they need encrypting).</summary>
    public static ValueCheck Check(string propertyType, string propertyName, string? requested) => propertyType switch
    {
        ConfigPropertyTypes.Boolean => ValueCheck.Accept(IsTrue(requested) ? "true" : "false"),
        ConfigPropertyTypes.Integer => int.TryParse(requested, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? ValueCheck.Accept(integer.ToString(CultureInfo.InvariantCulture))
            : ValueCheck.Reject(NotAnInteger),
        ConfigPropertyTypes.Number => decimal.TryParse(requested, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? ValueCheck.Accept(requested)
            : ValueCheck.Reject(NotANumber),
        ConfigPropertyTypes.Url when propertyName == TrivyProperties.BaseUrl =>
            requested is null || (TrivyServerList.Entries(requested).Length > 0 && !TrivyServerList.Malformed(requested).Any())
                ? ValueCheck.Accept(requested)
                : ValueCheck.Reject(TrivyServerList.NotAList),
        ConfigPropertyTypes.Url => requested is null || IsHttpUrl(requested) ? ValueCheck.Accept(requested) : ValueCheck.Reject(NotAUrl),
        ConfigPropertyTypes.Uuid => Guid.TryParseExact(requested, "D", out _) ? ValueCheck.Accept(requested) : ValueCheck.Reject(NotAUuid),
        _ when propertyName == TrivyProperties.TokenHeader => IsHeaderName(requested) ? ValueCheck.Accept(requested) : ValueCheck.Reject(NotAHeaderName),
        _ => ValueCheck.Accept(requested),
    };

    /// <summary>Dependency-Track's reading of a boolean: <c>true</c> in any case, or <c>1</c>.</summary>
    public static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    // RFC 9110 token characters.
    private static bool IsHeaderName(string? value) =>
        value is { Length: > 0 } && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
