using Depwatch.Core.Findings;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>Writes the findings as a plain-text table for terminals, followed by a summary.</summary>
internal sealed class TableReportWriter : IReportWriter
{
    private const int MaxTitleLength = 60;
    private const string Ellipsis = "...";

    private static readonly string[] s_headers = ["Severity", "Vulnerability", "Component", "Fixed in", "Title"];

    public async Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        if (report.Findings.Count == 0)
        {
            await output.WriteLineAsync("No vulnerabilities found.").ConfigureAwait(false);
        }
        else
        {
            var rows = FindingOrder.Sort(report.Findings).Select(Row).ToList();
            foreach (var line in TextTable.Lines(s_headers, rows))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(ScanSummary.Counts(report)).ConfigureAwait(false);
        if (ScanSummary.Skipped(report.Skipped) is { } skipped)
        {
            await output.WriteLineAsync(skipped).ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<string> Row(Finding finding)
    {
        var fixedVersions = FindingText.FixedVersions(finding);
        return
        [
            SeverityNames.UpperCase(finding.Vulnerability.Severity),
            finding.Vulnerability.VulnId,
            FindingText.Package(finding),
            fixedVersions.Count > 0 ? string.Join(", ", fixedVersions) : "-",
            Truncate(Title(finding)),
        ];
    }

    private static string Title(Finding finding) =>
        finding.Vulnerability.Title ?? FirstLine(finding.Vulnerability.Description) ?? "";

    private static string? FirstLine(string? text) =>
        text?.Trim().Split('\n', 2)[0].Trim();

    private static string Truncate(string title) =>
        title.Length <= MaxTitleLength ? title : string.Concat(title.AsSpan(0, MaxTitleLength - Ellipsis.Length).TrimEnd(), Ellipsis);
}
