using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;

namespace Depwatch.Cli.Output;

/// <summary>
/// Writes a SARIF 2.1.0 log that GitHub code scanning accepts: one rule per vulnerability and per violated policy
/// condition, one result per finding and per violation, each located in the SBOM file and at the package's purl. A finding a VEX suppressed, when listed, carries
/// an accepted external suppression with the decision as its justification.
/// </summary>
/// <param name="toolVersion">Depwatch's version, written as <c>tool.driver.version</c>.</param>
/// <param name="informationUri">Where users learn about Depwatch; left out when null.</param>
internal sealed class SarifReportWriter(string toolVersion, Uri? informationUri = null) : IReportWriter
{
    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public async Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        var findings = FindingOrder.Sort(report.Listed);
        var rules = SarifRules.For(findings);
        var violations = ViolationText.Sort(report.Violations);
        var policyRules = violations.GroupBy(SarifViolationJson.RuleId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        using var sink = new JsonTextSink(output);
        var json = sink.Json;
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, rules, policyRules);
        var artifactUri = SarifArtifactUri.For(report.Source);
        json.WriteStartArray("results");
        await WriteResultsAsync(sink, findings, rules, artifactUri, cancellationToken).ConfigureAwait(false);
        var policyRuleIndexes = policyRules.Select((v, i) => (Id: SarifViolationJson.RuleId(v), Index: rules.Vulnerabilities.Count + i))
            .ToDictionary(r => r.Id, r => r.Index, StringComparer.Ordinal);
        foreach (var violation in violations)
        {
            SarifViolationJson.WriteResult(json, violation, policyRuleIndexes[SarifViolationJson.RuleId(violation)], artifactUri);
            await sink.DrainIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteTool(Utf8JsonWriter json, SarifRules rules, IReadOnlyList<ComponentViolation> policyRules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Depwatch");
        json.WriteStringIfPresent("informationUri", informationUri?.AbsoluteUri);
        json.WriteString("version", toolVersion);
        json.WriteStartArray("rules");
        foreach (var vulnerability in rules.Vulnerabilities)
        {
            SarifRuleJson.Write(json, vulnerability);
        }
        foreach (var violation in policyRules)
        {
            SarifViolationJson.WriteRule(json, violation);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static async Task WriteResultsAsync(JsonTextSink sink, IReadOnlyList<Finding> findings, SarifRules rules,
        string artifactUri, CancellationToken cancellationToken)
    {
        foreach (var finding in findings)
        {
            SarifResultJson.Write(sink.Json, finding, rules.IndexOf(finding.Vulnerability.VulnId), artifactUri);
            await sink.DrainIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
