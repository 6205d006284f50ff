using System.Text.Json;
using Depwatch.Core.Findings;

namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// Writes decisions as an OpenVEX document, which Trivy's <c>--vex</c> and other scanners read: one statement per
/// decided finding, the product named by the component's purl and, where the BOM allows, by a BOM-Link to it (what
/// Trivy matches the components of a CycloneDX SBOM by). It is written in the first OpenVEX form (identifiers as
/// strings), which every OpenVEX reader accepts, where Trivy's earlier releases refuse the 0.2.0 form. Findings
/// without a decision, or without anything to name the product by, are left out: a scanner could not apply them.
/// </summary>
public static class OpenVexWriter
{
    public const string Context = "https://openvex.dev/ns";

    public static void Write(Utf8JsonWriter json, VexDocument document)
    {
        var timestamp = document.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteString("@context", Context);
        json.WriteString("@id", document.Id);
        json.WriteString("author", document.Author);
        json.WriteString("timestamp", timestamp);
        json.WriteString("version", "1");
        json.WriteString("role", "tool");
        json.WriteString("tooling", $"Depwatch {document.ToolVersion}");
        json.WriteStartArray("statements");
        foreach (var finding in document.Findings)
        {
            var products = new[] { finding.Component.PurlText, document.BomLinkOf(finding) }.OfType<string>().ToList();
            if (finding.Analysis is { State: not AnalysisState.NotSet } analysis && products.Count > 0)
            {
                WriteStatement(json, finding, analysis, products, timestamp);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter json, Finding finding, FindingAnalysis analysis, List<string> products, string timestamp)
    {
        var status = Status(analysis.State);
        json.WriteStartObject();
        json.WriteString("vulnerability", finding.Vulnerability.VulnId);
        json.WriteString("timestamp", timestamp);
        json.WriteStartArray("products");
        products.ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteString("status", status);
        if (status == "not_affected")
        {
            // OpenVEX requires a justification or an impact statement for not_affected.
            if (Justification(analysis) is { } justification)
            {
                json.WriteString("justification", justification);
            }
            json.WriteString("impact_statement", analysis.Details ?? ImpactOf(analysis));
        }
        else if (status == "affected")
        {
            json.WriteString("action_statement", analysis.Details ?? "Exploitable: fix or mitigate.");
        }
        else if (analysis.Details is not null)
        {
            json.WriteString("status_notes", analysis.Details);
        }
        json.WriteEndObject();
    }

    private static string Status(AnalysisState state) => state switch
    {
        AnalysisState.NotAffected or AnalysisState.FalsePositive => "not_affected",
        AnalysisState.Resolved => "fixed",
        AnalysisState.Exploitable => "affected",
        _ => "under_investigation",
    };

    private static string? Justification(FindingAnalysis analysis) => analysis.State == AnalysisState.FalsePositive
        ? "component_not_present"
        : analysis.Justification switch
        {
            AnalysisJustification.CodeNotPresent => "vulnerable_code_not_present",
            AnalysisJustification.CodeNotReachable => "vulnerable_code_not_in_execute_path",
            AnalysisJustification.RequiresConfiguration or AnalysisJustification.RequiresDependency or AnalysisJustification.RequiresEnvironment
                => "vulnerable_code_cannot_be_controlled_by_adversary",
            AnalysisJustification.ProtectedByCompiler or AnalysisJustification.ProtectedAtRuntime or AnalysisJustification.ProtectedAtPerimeter
                or AnalysisJustification.ProtectedByMitigatingControl => "inline_mitigations_already_exist",
            _ => null,
        };

    private static string ImpactOf(FindingAnalysis analysis) => analysis.State == AnalysisState.FalsePositive
        ? "False positive: the vulnerability does not apply to this component."
        : $"Not affected ({AnalysisNames.Name(analysis.Justification)}).";
}
