using System.Text.Json;
using Depwatch.Cli.Output;
using Depwatch.Core.Findings;
using Depwatch.Testing;

namespace Depwatch.Cli.Tests.Output;

public sealed class JsonReportWriterTests
{
    private static readonly string[] s_requiredComponentKeys = ["name", "group", "version", "purl", "bomRef"];

    private static readonly string[] s_requiredVulnerabilityKeys =
    [
        "vulnId", "source", "severity", "title", "description", "cvssV3BaseScore", "cvssV3Vector", "cwes", "aliases",
        "fixedVersions", "references", "published", "updated",
    ];

    [Fact]
    public async Task Sample_report_with_suppressed_findings_shown_matches_the_golden_file()
    {
        var report = await RenderAsync(SampleScanReport.WithSuppressedShown());

        Golden.AssertMatches(report, "scan-report-vex.findings.json");
    }

    [Fact]
    public async Task Sample_report_matches_the_golden_file()
    {
        var json = await RenderAsync(SampleScanReport.Create());

        Golden.AssertMatches(json, "scan-report.findings.json");
    }

    [Fact]
    public async Task Every_finding_has_the_required_keys()
    {
        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Create()));

        Assert.Equal(6, document.RootElement.GetArrayLength());
        foreach (var finding in document.RootElement.EnumerateArray())
        {
            AssertHasKeys(finding.GetProperty("component"), s_requiredComponentKeys);
            AssertHasKeys(finding.GetProperty("vulnerability"), s_requiredVulnerabilityKeys);
            Assert.Equal("TRIVY_ANALYZER", finding.GetProperty("attribution").GetProperty("analyzerIdentity").GetString());
            Assert.False(finding.GetProperty("analysis").GetProperty("isSuppressed").GetBoolean());
        }
    }

    [Fact]
    public async Task Findings_are_most_severe_first()
    {
        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Create()));

        var ranks = document.RootElement.EnumerateArray()
            .Select(finding => finding.GetProperty("vulnerability").GetProperty("severityRank").GetInt32()).ToList();
        Assert.Equal([0, 1, 1, 2, 3, 5], ranks);
    }

    [Fact]
    public async Task Aliases_pair_the_vulnerability_with_each_alias_dependency_track_can_name()
    {
        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Create()));

        var goFinding = document.RootElement.EnumerateArray()
            .Single(finding => finding.GetProperty("vulnerability").GetProperty("vulnId").GetString() == "GO-2024-2687");
        var aliases = goFinding.GetProperty("vulnerability").GetProperty("aliases").GetRawText();
        Assert.Equal("""[{"cveId":"CVE-2023-45288","osvId":"GO-2024-2687"},{"ghsaId":"GHSA-4v7x-pqxf-cx7m","osvId":"GO-2024-2687"}]""",
            Compact(aliases));
    }

    [Fact]
    public async Task No_findings_give_an_empty_array()
    {
        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Empty()));

        Assert.Equal(0, document.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Large_reports_stream_in_chunks_without_breaking_the_document()
    {
        var finding = SampleScanReport.Create().Findings[0];
        var many = Enumerable.Range(0, 3000).Select(i => finding with { Component = Renamed(finding, i) }).ToList();

        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Create() with { Findings = many }));

        Assert.Equal(3000, document.RootElement.GetArrayLength());
    }

    private static Task<string> RenderAsync(ScanReport report) => ReportText.RenderAsync(new JsonReportWriter(), report);

    private static void AssertHasKeys(JsonElement element, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            Assert.True(element.TryGetProperty(key, out _), $"missing '{key}' in {element}");
        }
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static Core.Components.Component Renamed(Finding finding, int index) => new()
    {
        Key = $"k{index}", Name = $"{finding.Component.Name}-ünïcode-{index}", Version = finding.Component.Version,
        PurlText = finding.Component.PurlText,
    };
}
