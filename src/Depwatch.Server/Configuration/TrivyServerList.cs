namespace Depwatch.Server.Configuration;

/// <summary>
/// <c>trivy.base.url</c> names one Trivy server or several, separated by commas or whitespace
/// (<c>http://trivy-1:8080, http://trivy-2:8080</c>); all are started with the same token.
/// </summary>
public static class TrivyServerList
{
    public const string NotAList = "The property expected a URL, or several separated by commas, but one of them was malformed.";

    private static readonly char[] s_separators = [',', ' ', '\t', '\r', '\n'];

    /// <summary>The entries as written, blanks left out.</summary>
    public static string[] Entries(string? value) =>
        (value ?? "").Split(s_separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The entries that are not http:// or https:// URLs.</summary>
    public static IEnumerable<string> Malformed(string? value) => Entries(value).Where(entry => !ConfigPropertyValues.IsHttpUrl(entry));

    /// <summary>The servers, each once in the order given; empty when none is named or one is not a URL.</summary>
    public static IReadOnlyList<Uri> Parse(string? value) =>
        Malformed(value).Any() ? [] : [.. Entries(value).Select(entry => new Uri(entry)).Distinct()];
}
