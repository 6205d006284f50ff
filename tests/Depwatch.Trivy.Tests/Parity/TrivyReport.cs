using System.Text.Json.Nodes;

namespace Depwatch.Trivy.Tests.Parity;

/// <summary>Reads the findings out of a JSON report of Trivy's own client.</summary>
internal static class TrivyReport
{
    /// <param name="bomRefByPkgId">Trivy reports packages of an SBOM by their PkgID property; this maps them back.</param>
    public static IReadOnlySet<ParityFinding> Findings(string reportJson, IReadOnlyDictionary<string, string> bomRefByPkgId)
    {
        var report = JsonNode.Parse(reportJson)!;
        var findings = new HashSet<ParityFinding>();
        foreach (var result in report["Results"]?.AsArray() ?? [])
        {
            foreach (var vulnerability in result!["Vulnerabilities"]?.AsArray() ?? [])
            {
                var pkgId = Text(vulnerability, "PkgID") is { Length: > 0 } id
                    ? id
                    : $"{Text(vulnerability, "PkgName")}@{Text(vulnerability, "InstalledVersion")}";
                findings.Add(new ParityFinding(
                    bomRefByPkgId.TryGetValue(pkgId, out var bomRef) ? bomRef : $"unknown PkgID {pkgId}",
                    Text(vulnerability, "VulnerabilityID"),
                    Text(vulnerability, "FixedVersion"),
                    Text(vulnerability, "Severity"),
                    Text(vulnerability, "Status")));
            }
        }
        return findings;
    }

    private static string Text(JsonNode? node, string name) => node?[name]?.GetValue<string>() ?? "";
}
