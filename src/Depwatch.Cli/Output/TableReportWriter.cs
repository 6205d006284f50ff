using Depwatch.Core.Findings;
using Depwatch.Core.Policies;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>Writes the findings as a plain-text table for terminals, followed by a summary.</summary>
internal sealed class TableReportWriter : IReportWriter
{
    private const int MaxTitleLength = 60;
    private const string Ellipsis = "...";

    private static readonly string[] s_headers = ["Severity", "Vulnerability", "Component", "Fixed in", "Title"];
    private static readonly string[] s_violationHeaders = ["State", "Policy", "Type", "Component", "Condition"];

    public async Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        var listed = FindingOrder.Sort(report.Listed);
        if (listed.Count == 0)
        {
            await output.WriteLineAsync("No vulnerabilities found.").ConfigureAwait(false);
        }
        else
        {
            // Suppressed findings, when listed, are marked with their VEX state in a column of their own.
            var marked = listed.Any(f => f.Analysis?.IsSuppressed == true);
            var rows = listed.Select(f => Row(f, marked)).ToList();
            foreach (var line in TextTable.Lines(marked ? [.. s_headers, "VEX"] : s_headers, rows))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(ScanSummary.Counts(report)).ConfigureAwait(false);
        if (ScanSummary.Suppressed(report) is { } suppressed)
        {
            await output.WriteLineAsync(suppressed).ConfigureAwait(false);
        }
        if (ScanSummary.Skipped(report.Skipped) is { } skipped)
        {
            await output.WriteLineAsync(skipped).ConfigureAwait(false);
        }
        if (report.PoliciesEvaluated)
        {
            await WriteViolationsAsync(report.Violations, output, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteViolationsAsync(IReadOnlyList<ComponentViolation> violations, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        if (violations.Count > 0)
        {
            var rows = ViolationText.Sort(violations).Select(v => (IReadOnlyList<string>)
                [PolicyNames.Name(v.Policy.ViolationState), v.Policy.Name, PolicyNames.Name(v.Violation.Type), ViolationText.Package(v.Component), v.ConditionText]);
            foreach (var line in TextTable.Lines(s_violationHeaders, [.. rows]))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }
            await output.WriteLineAsync().ConfigureAwait(false);
        }
        await output.WriteLineAsync(ViolationText.Counts(violations)).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> Row(Finding finding, bool marked)
    {
        var fixedVersions = FindingText.FixedVersions(finding);
        List<string> row =
        [
            SeverityNames.UpperCase(finding.Vulnerability.Severity),
            finding.Vulnerability.VulnId,
            FindingText.Package(finding),
            fixedVersions.Count > 0 ? string.Join(", ", fixedVersions) : "-",
            Truncate(Title(finding)),
        ];
        if (marked)
        {
            row.Add(finding.Analysis is { IsSuppressed: true } analysis ? FindingText.VexState(analysis) : "");
        }
        return row;
    }

    private static string Title(Finding finding) =>
        finding.Vulnerability.Title ?? FirstLine(finding.Vulnerability.Description) ?? "";

    private static string? FirstLine(string? text) =>
        text?.Trim().Split('\n', 2)[0].Trim();

    private static string Truncate(string title) =>
        title.Length <= MaxTitleLength ? title : string.Concat(title.AsSpan(0, MaxTitleLength - Ellipsis.Length).TrimEnd(), Ellipsis);
}
