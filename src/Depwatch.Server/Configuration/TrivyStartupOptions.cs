using System.ComponentModel.DataAnnotations;

namespace Depwatch.Server.Configuration;

/// <summary>
/// Trivy settings from configuration (section <c>Depwatch:Trivy</c>, e.g. environment <c>Depwatch__Trivy__BaseUrl</c>),
/// written over the stored <c>scanner</c> config properties at every start, so a container needs no API call.
/// Settings left out keep their stored value; an empty BaseUrl or ApiToken clears it. Giving a BaseUrl
/// without Enabled enables the analyzer.
/// </summary>
public sealed class TrivyStartupOptions : IValidatableObject
{
    public const string Section = "Depwatch:Trivy";

    public bool? Enabled { get; set; }
    public string? BaseUrl { get; set; }
    public string? ApiToken { get; set; }
    public string? TokenHeader { get; set; }
    public bool? IgnoreUnfixed { get; set; }
    public bool? ScanLibrary { get; set; }
    public bool? ScanOs { get; set; }

    /// <summary>The stored values these settings ask for, by property name; the token still in plain text.</summary>
    public IReadOnlyDictionary<string, string?> RequestedValues()
    {
        var values = new Dictionary<string, string?>();
        if ((Enabled ?? (string.IsNullOrEmpty(BaseUrl) ? null : true)) is { } enabled)
        {
            values[TrivyProperties.Enabled] = enabled ? "true" : "false";
        }
        AddText(values, TrivyProperties.BaseUrl, BaseUrl);
        AddText(values, TrivyProperties.ApiToken, ApiToken);
        AddText(values, TrivyProperties.TokenHeader, TokenHeader);
        AddFlag(values, TrivyProperties.IgnoreUnfixed, IgnoreUnfixed);
        AddFlag(values, TrivyProperties.ScanLibrary, ScanLibrary);
        AddFlag(values, TrivyProperties.ScanOs, ScanOs);
        return values;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TrivyServerList.Malformed(BaseUrl).FirstOrDefault() is { } malformed)
        {
            yield return new ValidationResult(
                $"{Section}:BaseUrl names '{malformed}', which is not an http:// or https:// URL; give the Trivy server's address, "
                + "e.g. http://trivy:8080, or several separated by commas.",
                [nameof(BaseUrl)]);
        }
        if (TokenHeader is not null && !ConfigPropertyValues.Check(ConfigPropertyTypes.String, TrivyProperties.TokenHeader, TokenHeader).Accepted)
        {
            yield return new ValidationResult(
                $"{Section}:TokenHeader '{TokenHeader}' is not an HTTP header name; use the server's --token-header, e.g. Trivy-Token.",
                [nameof(TokenHeader)]);
        }
    }

    private static void AddText(Dictionary<string, string?> values, string property, string? value)
    {
        if (value is not null)
        {
            values[property] = value.Length == 0 ? null : value;
        }
    }

    private static void AddFlag(Dictionary<string, string?> values, string property, bool? value)
    {
        if (value is { } flag)
        {
            values[property] = flag ? "true" : "false";
        }
    }
}
