using System.Text.Json;
using Depwatch.Cli.Output;
using Depwatch.Testing;

namespace Depwatch.Cli.Tests.Output;

public sealed class SarifReportWriterTests
{
    [Fact]
    public async Task Sample_report_with_suppressed_findings_shown_matches_the_golden_file()
    {
        var report = await RenderAsync(SampleScanReport.WithSuppressedShown());

        Golden.AssertMatches(report, "scan-report-vex.sarif.json");
    }

    [Fact]
    public async Task Sample_report_matches_the_golden_file()
    {
        var sarif = await RenderAsync(SampleScanReport.Create());

        Golden.AssertMatches(sarif, "scan-report.sarif.json");
    }

    [Fact]
    public async Task Every_finding_is_a_result_whose_rule_exists()
    {
        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Create()));
        var run = document.RootElement.GetProperty("runs").EnumerateArray().Single();

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Select(rule => rule.GetProperty("id").GetString()).ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(SampleScanReport.Create().Findings.Count, results.Count);
        Assert.Equal(rules.Count, rules.Distinct().Count());
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()]);
        }
    }

    [Fact]
    public async Task Log_names_the_schema_version_and_tool()
    {
        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Create()));
        var root = document.RootElement;

        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var driver = root.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        Assert.Equal("Depwatch", driver.GetProperty("name").GetString());
        Assert.Equal(ReportText.ToolVersion, driver.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Copies_of_one_package_share_a_fingerprint()
    {
        using var document = JsonDocument.Parse(await RenderAsync(SampleScanReport.Create()));

        var fingerprints = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(result => result.GetProperty("partialFingerprints").GetProperty("packageVulnerabilityHash/v1").GetString())
            .ToList();
        Assert.Equal(fingerprints.Count - 1, fingerprints.Distinct().Count());
    }

    [Theory]
    [InlineData("bom.json", "bom.json")]
    [InlineData(@"build\my sbom.json", "build/my%20sbom.json")]
    [InlineData("/ci/work/bom.json", "file:///ci/work/bom.json")]
    public void Sbom_path_becomes_an_artifact_uri(string path, string uri)
    {
        Assert.Equal(uri, SarifArtifactUri.For(path));
    }

    private static Task<string> RenderAsync(ScanReport report) =>
        ReportText.RenderAsync(new SarifReportWriter(ReportText.ToolVersion), report);
}
