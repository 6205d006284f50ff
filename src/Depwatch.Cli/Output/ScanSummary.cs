using Depwatch.Core.Analysis;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>The closing lines of the table report: what was analysed, what was found, and what was skipped why.</summary>
internal static class ScanSummary
{
    private const int ShownSkipReasons = 5;

    private static readonly Severity[] s_alwaysCounted =
        [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Unassigned];

    /// <summary>E.g. <c>10 components, 8 analyzed, 3 findings: 1 critical, 2 high, 0 medium, 0 low, 0 unassigned</c>.</summary>
    public static string Counts(ScanReport report)
    {
        var counts = SeverityCounts(report);
        // Trivy never rates INFO, so it is counted only when some analyzer did.
        var counted = counts[Severity.Info] > 0 ? [.. s_alwaysCounted, Severity.Info] : s_alwaysCounted;
        var bySeverity = string.Join(", ", counted.Select(severity => $"{counts[severity]} {SeverityNames.LowerCase(severity)}"));
        return $"{Plural(report.Components, "component")}, {report.Analyzed} analyzed, "
            + $"{Plural(report.Findings.Count, "finding")}: {bySeverity}";
    }

    /// <summary>
    /// E.g. <c>2 findings suppressed by VEX (not_affected: 1, resolved: 1); --show-suppressed lists them</c>; null when a
    /// VEX suppressed none.
    /// </summary>
    public static string? Suppressed(ScanReport report)
    {
        if (report.Suppressed.Count == 0)
        {
            return null;
        }
        var byState = report.Suppressed.GroupBy(f => FindingText.VexState(f.Analysis!), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Key}: {group.Count()}");
        return $"{Plural(report.Suppressed.Count, "finding")} suppressed by VEX ({string.Join(", ", byState)})"
            + (report.ShowSuppressed ? ", listed and marked above" : "; --show-suppressed lists them");
    }

    /// <summary>E.g. <c>3 components not analyzed (has no purl: 2, invalid purl: 1)</c>; null when none were skipped.</summary>
    public static string? Skipped(IReadOnlyList<SkippedComponent> skipped)
    {
        if (skipped.Count == 0)
        {
            return null;
        }
        var groups = skipped.GroupBy(ReasonGroup, StringComparer.Ordinal)
            .Select(group => (Reason: group.Key, Count: group.Count()))
            .OrderByDescending(group => group.Count).ThenBy(group => group.Reason, StringComparer.Ordinal)
            .ToList();
        var shown = groups.Take(ShownSkipReasons).Select(group => $"{group.Reason}: {group.Count}").ToList();
        var others = groups.Skip(ShownSkipReasons).Sum(group => group.Count);
        if (others > 0)
        {
            shown.Add($"other: {others}");
        }
        return $"{Plural(skipped.Count, "component")} not analyzed ({string.Join(", ", shown)})";
    }

    private static Dictionary<Severity, int> SeverityCounts(ScanReport report)
    {
        var counts = Enum.GetValues<Severity>().ToDictionary(severity => severity, _ => 0);
        foreach (var finding in report.Findings)
        {
            counts[finding.Vulnerability.Severity]++;
        }
        return counts;
    }

    // An invalid purl's reason quotes the purl, which would give every such component a group of its own.
    private static string ReasonGroup(SkippedComponent skipped) =>
        skipped.Component.PurlError is not null ? "invalid purl" : skipped.Reason;

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
