using System.Text.Json;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>Writes the SARIF rule (<c>reportingDescriptor</c>) describing one vulnerability.</summary>
internal static class SarifRuleJson
{
    public static void Write(Utf8JsonWriter json, Vulnerability vulnerability)
    {
        json.WriteStartObject();
        json.WriteString("id", vulnerability.VulnId);
        json.WriteText("shortDescription", ShortDescription(vulnerability));
        json.WriteText("fullDescription", FullDescription(vulnerability));
        json.WriteStringIfPresent("helpUri", HelpUri(vulnerability));
        WriteHelp(json, vulnerability);
        WriteProperties(json, vulnerability);
        json.WriteEndObject();
    }

    private static string ShortDescription(Vulnerability vulnerability) =>
        vulnerability.Title is { Length: > 0 } title ? $"{vulnerability.VulnId}: {title}" : vulnerability.VulnId;

    private static string FullDescription(Vulnerability vulnerability) =>
        (vulnerability.Description ?? vulnerability.Title ?? vulnerability.VulnId).Trim();

    private static string? HelpUri(Vulnerability vulnerability) =>
        vulnerability.PrimaryUrl ?? vulnerability.References.FirstOrDefault();

    private static void WriteHelp(Utf8JsonWriter json, Vulnerability vulnerability)
    {
        json.WriteStartObject("help");
        json.WriteString("text", RuleHelp.Text(vulnerability));
        json.WriteString("markdown", RuleHelp.Markdown(vulnerability));
        json.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter json, Vulnerability vulnerability)
    {
        json.WriteStartObject("properties");
        json.WriteStringIfPresent("security-severity", SecuritySeverity.Of(vulnerability));
        json.WriteStringArray("tags", ["security", "vulnerability", SeverityNames.LowerCase(vulnerability.Severity)]);
        json.WriteEndObject();
    }
}
