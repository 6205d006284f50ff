using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;

namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// Writes findings and their decisions as a CycloneDX 1.5 VEX document: one vulnerability entry per finding, its
/// <c>affects</c> naming the component by a BOM-Link into the project's BOM (else by its bom-ref, else its purl), so
/// that the refs resolve against that BOM. Findings without a decision carry no <c>analysis</c>.
/// </summary>
public static class CycloneDxVexWriter
{
    public static void Write(Utf8JsonWriter json, VexDocument document, Guid serialNumber)
    {
        json.WriteStartObject();
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.5");
        json.WriteString("serialNumber", $"urn:uuid:{serialNumber:D}");
        json.WriteNumber("version", 1);
        WriteMetadata(json, document);
        json.WriteStartArray("vulnerabilities");
        foreach (var finding in document.Findings)
        {
            WriteVulnerability(json, finding, document.BomLinkOf(finding) ?? ReferenceOf(finding));
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>What the entry for <paramref name="finding"/> names its component by.</summary>
    public static string ReferenceOf(Finding finding) => finding.Component.BomRef ?? finding.Component.PurlText ?? finding.Component.Key;

    private static void WriteMetadata(Utf8JsonWriter json, VexDocument document)
    {
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", document.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        // The array form of tools (deprecated by 1.5, still valid): Trivy before 0.50 cannot read the object form.
        json.WriteStartArray("tools");
        json.WriteStartObject();
        json.WriteString("name", "Depwatch");
        json.WriteString("version", document.ToolVersion);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("component");
        json.WriteString("type", "application");
        json.WriteString("name", document.ProductName);
        json.WriteStringIfPresent("version", document.ProductVersion);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteVulnerability(Utf8JsonWriter json, Finding finding, string reference)
    {
        var vulnerability = finding.Vulnerability;
        json.WriteStartObject();
        json.WriteString("id", vulnerability.VulnId);
        json.WriteStartObject("source");
        json.WriteString("name", vulnerability.Source);
        json.WriteStringIfPresent("url", vulnerability.PrimaryUrl);
        json.WriteEndObject();
        if (vulnerability.Cwes.Count > 0)
        {
            json.WriteStartArray("cwes");
            foreach (var cwe in vulnerability.Cwes)
            {
                json.WriteNumberValue(cwe);
            }
            json.WriteEndArray();
        }
        json.WriteStringIfPresent("description", vulnerability.Description);
        if (finding.Analysis is { State: not AnalysisState.NotSet } analysis)
        {
            WriteAnalysis(json, analysis);
        }
        json.WriteStartArray("affects");
        json.WriteStartObject();
        json.WriteString("ref", reference);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAnalysis(Utf8JsonWriter json, FindingAnalysis analysis)
    {
        json.WriteStartObject("analysis");
        json.WriteString("state", AnalysisNames.Name(analysis.State).ToLowerInvariant());
        if (analysis.Justification != AnalysisJustification.NotSet)
        {
            json.WriteString("justification", AnalysisNames.Name(analysis.Justification).ToLowerInvariant());
        }
        if (analysis.Response != AnalysisResponse.NotSet)
        {
            json.WriteStartArray("response");
            json.WriteStringValue(AnalysisNames.Name(analysis.Response).ToLowerInvariant());
            json.WriteEndArray();
        }
        json.WriteStringIfPresent("detail", analysis.Details);
        json.WriteEndObject();
    }
}
