using Depwatch.Server.Configuration;

namespace Depwatch.Server.Web.Trivy;

/// <summary>The Trivy analyzer's settings as the administration form edits them; the token only ever goes in.</summary>
internal sealed class TrivySettings
{
    public bool Enabled { get; set; }
    public string? BaseUrl { get; set; }

    /// <summary>A new token; empty leaves the stored one as it is. Never filled from the stored value.</summary>
    public string? ApiToken { get; set; }

    public bool ClearToken { get; set; }
    public bool IgnoreUnfixed { get; set; }
    public bool ScanLibrary { get; set; } = true;
    public bool ScanOs { get; set; } = true;
    public string? TokenHeader { get; set; }

    /// <summary>Save an enabled analyzer although its connection test fails (the administrator was warned and confirmed).</summary>
    public bool SaveDespiteFailedTest { get; set; }

    public string EffectiveTokenHeader => string.IsNullOrWhiteSpace(TokenHeader) ? Depwatch.Trivy.TrivyOptions.DefaultTokenHeader : TokenHeader.Trim();

    public static TrivySettings From(IEnumerable<ConfigProperty> properties)
    {
        var values = properties.Where(p => p.GroupName == TrivyProperties.Group).ToDictionary(p => p.PropertyName!, p => p.PropertyValue);
        return new TrivySettings
        {
            Enabled = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.Enabled)),
            BaseUrl = values.GetValueOrDefault(TrivyProperties.BaseUrl),
            IgnoreUnfixed = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.IgnoreUnfixed)),
            ScanLibrary = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.ScanLibrary, "true")),
            ScanOs = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.ScanOs, "true")),
            TokenHeader = values.GetValueOrDefault(TrivyProperties.TokenHeader),
        };
    }

    /// <summary>Problems by form field, in words for the person filling in the form.</summary>
    public Dictionary<string, string> Check(bool forConnectionTest)
    {
        var problems = new Dictionary<string, string>();
        if (TrivyServerList.Entries(BaseUrl).Length == 0)
        {
            if (Enabled || forConnectionTest)
            {
                problems[nameof(BaseUrl)] = "Enter the address of the Trivy server, such as http://trivy:8080.";
            }
        }
        else if (TrivyServerList.Malformed(BaseUrl).FirstOrDefault() is { } malformed)
        {
            problems[nameof(BaseUrl)] = $"'{malformed}' is not a web address. Enter it with http:// or https://, such as http://trivy:8080; "
                + "separate several servers with commas.";
        }
        if (!ConfigPropertyValues.Check(ConfigPropertyTypes.String, TrivyProperties.TokenHeader, EffectiveTokenHeader).Accepted)
        {
            problems[nameof(TokenHeader)] = "A header name has only letters, digits and dashes, such as Trivy-Token.";
        }
        if (ApiToken is { } token && token.Any(char.IsControl))
        {
            problems[nameof(ApiToken)] = "The token must not contain line breaks or other control characters.";
        }
        if (!forConnectionTest && Enabled && !ScanLibrary && !ScanOs)
        {
            problems[nameof(ScanLibrary)] = "Choose libraries, OS packages or both: with neither, Trivy has nothing to look at.";
        }
        return problems;
    }

    /// <summary>The config property updates this form asks for; the token's only when one was typed or clearing was asked.</summary>
    public IEnumerable<ConfigProperty> Updates()
    {
        yield return Property(TrivyProperties.Enabled, Flag(Enabled));
        yield return Property(TrivyProperties.BaseUrl, string.IsNullOrWhiteSpace(BaseUrl) ? null : BaseUrl.Trim());
        yield return Property(TrivyProperties.IgnoreUnfixed, Flag(IgnoreUnfixed));
        yield return Property(TrivyProperties.ScanLibrary, Flag(ScanLibrary));
        yield return Property(TrivyProperties.ScanOs, Flag(ScanOs));
        yield return Property(TrivyProperties.TokenHeader, EffectiveTokenHeader);
        if (ClearToken)
        {
            yield return Property(TrivyProperties.ApiToken, null);
        }
        else if (!string.IsNullOrEmpty(ApiToken))
        {
            yield return Property(TrivyProperties.ApiToken, ApiToken);
        }
    }

    /// <summary>The form field a config property belongs to, for placing an error message.</summary>
    public static string FieldOf(string propertyName) => propertyName switch
    {
        TrivyProperties.Enabled => nameof(Enabled),
        TrivyProperties.BaseUrl => nameof(BaseUrl),
        TrivyProperties.ApiToken => nameof(ApiToken),
        TrivyProperties.IgnoreUnfixed => nameof(IgnoreUnfixed),
        TrivyProperties.ScanLibrary => nameof(ScanLibrary),
        TrivyProperties.ScanOs => nameof(ScanOs),
        _ => nameof(TokenHeader),
    };

    private static ConfigProperty Property(string name, string? value) =>
        new() { GroupName = TrivyProperties.Group, PropertyName = name, PropertyValue = value };

    private static string Flag(bool value) => value ? "true" : "false";
}
