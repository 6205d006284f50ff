using Depwatch.Cli.Output;
using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Testing;

namespace Depwatch.Cli.Tests.Output;

public sealed class TableReportWriterTests
{
    [Fact]
    public async Task Sample_report_with_suppressed_findings_shown_matches_the_golden_file()
    {
        var report = await RenderAsync(SampleScanReport.WithSuppressedShown());

        Golden.AssertMatches(report, "scan-report-vex.table.txt");
    }

    [Fact]
    public async Task Sample_report_matches_the_golden_file()
    {
        var table = await RenderAsync(SampleScanReport.Create());

        Golden.AssertMatches(table, "scan-report.table.txt");
    }

    [Fact]
    public async Task Summary_counts_every_severity()
    {
        var lines = Lines(await RenderAsync(SampleScanReport.Create()));

        Assert.Contains("9 components, 6 analyzed, 6 findings: 1 critical, 2 high, 1 medium, 1 low, 1 unassigned", lines);
        Assert.Contains("3 components not analyzed (describes the operating system; its packages are analysed instead: 1, "
            + "has no purl: 1, invalid purl: 1)", lines);
    }

    [Fact]
    public async Task No_findings_say_so_before_the_summary()
    {
        var lines = Lines(await RenderAsync(SampleScanReport.Empty()));

        Assert.Equal(["No vulnerabilities found.", "", "3 components, 3 analyzed, 0 findings: 0 critical, 0 high, 0 medium, 0 low, 0 unassigned"], lines);
    }

    [Fact]
    public void Rare_skip_reasons_are_counted_as_other()
    {
        var skipped = Enumerable.Range(1, 7)
            .SelectMany(reason => Enumerable.Repeat(reason, reason))
            .Select(reason => new SkippedComponent(new Component { Key = "k", Name = "n" }, $"reason {reason}"))
            .ToList();

        var line = ScanSummary.Skipped(skipped);

        Assert.Equal("28 components not analyzed (reason 7: 7, reason 6: 6, reason 5: 5, reason 4: 4, reason 3: 3, other: 3)", line);
    }

    [Fact]
    public async Task Long_titles_are_truncated()
    {
        var lines = Lines(await RenderAsync(SampleScanReport.Create()));

        var log4jRow = lines.Single(line => line.Contains("CVE-2021-44228", StringComparison.Ordinal));
        Assert.EndsWith("...", log4jRow, StringComparison.Ordinal);
    }

    private static Task<string> RenderAsync(ScanReport report) => ReportText.RenderAsync(new TableReportWriter(), report);

    private static List<string> Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')];
}
