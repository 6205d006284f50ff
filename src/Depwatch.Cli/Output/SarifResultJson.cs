using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Triage;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>Writes the SARIF result for one finding.</summary>
internal static class SarifResultJson
{
    public static void Write(Utf8JsonWriter json, Finding finding, int ruleIndex, string artifactUri)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Vulnerability.VulnId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Vulnerability.Severity));
        json.WriteText("message", Message(finding));
        WriteLocations(json, finding.Component.Name, FindingText.PackageIdentity(finding), artifactUri);
        json.WriteStartObject("partialFingerprints");
        json.WriteString("packageVulnerabilityHash/v1", Fingerprint(finding));
        json.WriteEndObject();
        if (finding.Analysis is { IsSuppressed: true } analysis)
        {
            WriteSuppression(json, analysis);
        }
        json.WriteEndObject();
    }

    private static void WriteSuppression(Utf8JsonWriter json, FindingAnalysis analysis)
    {
        var justification = analysis.Justification == AnalysisJustification.NotSet
            ? FindingText.VexState(analysis)
            : $"{FindingText.VexState(analysis)} ({AnalysisNames.Name(analysis.Justification).ToLowerInvariant()})";
        json.WriteStartArray("suppressions");
        json.WriteStartObject();
        json.WriteString("kind", "external");
        json.WriteString("status", "accepted");
        json.WriteString("justification", analysis.Details is null ? $"VEX: {justification}" : $"VEX: {justification}: {analysis.Details}");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static string Message(Finding finding)
    {
        var fixedVersions = FindingText.FixedVersions(finding);
        var fix = fixedVersions.Count > 0 ? $"fixed in {string.Join(", ", fixedVersions)}" : "no fix is available";
        return $"Package {FindingText.Package(finding)} is affected by {finding.Vulnerability.VulnId}; {fix}";
    }

    // GitHub code scanning places alerts by line; an SBOM component has none, so every result points at line 1.
    public static void WriteLocations(Utf8JsonWriter json, string name, string packageIdentity, string artifactUri)
    {
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", artifactUri);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("fullyQualifiedName", packageIdentity);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    // Keyed by package and vulnerability only, so the alert survives regenerated SBOMs with new bom-refs.
    private static string Fingerprint(Finding finding) => Fingerprint(FindingText.PackageIdentity(finding), finding.Vulnerability.VulnId);

    public static string Fingerprint(string packageIdentity, string ruleId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{packageIdentity}\n{ruleId}")));
}
