using System.Globalization;
using System.Text;

namespace Depwatch.Bench;

/// <summary>Everything one benchmark run measured, written as the Markdown that bench/run.sh puts in docs/benchmarks.md.</summary>
internal sealed class BenchReport(int runs)
{
    /// <summary>Depwatch's target: at most this share of Trivy's client wall time.</summary>
    public const double WallRatioTarget = 0.5;

    /// <summary>Depwatch's target: peak RSS under this many MB on the generated SBOM.</summary>
    public const double LargeSbomRssTargetMegabytes = 200;

    public List<SbomCase> Sboms { get; } = [];

    public required Summary Overhead { get; init; }

    public required Summary DepwatchStartup { get; init; }

    public required Summary TrivyStartup { get; init; }

    public bool TrivyIsUpxPacked { get; init; }

    /// <summary>Trivy's start-up split at its first thread (UPX unpacking before it), or null without strace.</summary>
    public IReadOnlyList<StartupSplit>? TrivyStartupSplits { get; init; }

    public required string DepwatchCommand { get; init; }

    public required string TrivyCommand { get; init; }

    private double? UnpackSeconds => TrivyStartupSplits is { Count: > 0 } splits
        ? Summary.Median(splits.Select(split => split.BeforeFirstThreadSeconds))
        : null;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Line(text, $"Median of {runs} interleaved runs per tool and SBOM, after one warm-up run of each. Wall time is the");
        Line(text, "whole process, start-up included; peak memory is the process's maximum resident set size (GNU time `%M`,");
        Line(text, "MB = 10^6 bytes). The Trivy server's own time and memory are the same for both tools and not counted.");
        Line(text, "");
        WriteResults(text);
        WriteTargets(text);
        WriteFindings(text);
        WriteStartup(text);
        WritePhases(text);
        WriteRawRuns(text);
        return text.ToString();
    }

    private void WriteResults(StringBuilder text)
    {
        Line(text, "| SBOM | components | tool | median wall (s) | wall min–max (s) | median peak RSS (MB) | depwatch/trivy wall | depwatch/trivy RSS |");
        Line(text, "|---|--:|---|--:|--:|--:|--:|--:|");
        foreach (var sbom in Sboms)
        {
            var (depwatch, trivy) = (sbom.Depwatch!, sbom.Trivy!);
            Line(text, $"| {sbom.Label} | {sbom.Components:N0} | depwatch | {depwatch.MedianWallSeconds:F3} | {Range(depwatch)} | " +
                $"{depwatch.MedianRssMegabytes:F1} | **{WallRatio(sbom):F2}** | **{RssRatio(sbom):F2}** |");
            Line(text, $"| | | trivy sbom --server | {trivy.MedianWallSeconds:F3} | {Range(trivy)} | {trivy.MedianRssMegabytes:F1} | | |");
        }

        Line(text, "");
    }

    private void WriteTargets(StringBuilder text)
    {
        Line(text, "Targets:");
        Line(text, "");
        foreach (var sbom in Sboms)
        {
            var ratio = WallRatio(sbom);
            Line(text, $"- {sbom.Label}: wall time at most {WallRatioTarget:F1} × Trivy's client — " +
                $"{ratio:F2} × ({sbom.Depwatch!.MedianWallSeconds:F3} s vs {sbom.Trivy!.MedianWallSeconds:F3} s): " +
                (ratio <= WallRatioTarget ? "**met**" : "**missed**"));
        }

        var large = Sboms[^1];
        var rss = large.Depwatch!.MedianRssMegabytes;
        Line(text, $"- {large.Label}, {large.Components:N0} components: Depwatch peak memory under {LargeSbomRssTargetMegabytes:F0} MB — " +
            $"{rss:F1} MB: " + (rss < LargeSbomRssTargetMegabytes ? "**met**" : "**missed**"));
        Line(text, "");
    }

    private void WriteFindings(StringBuilder text)
    {
        Line(text, "Findings (from the warm-up runs' reports; OS + language packages):");
        Line(text, "");
        Line(text, "| SBOM | depwatch | trivy sbom --server | same count | vulnerability IDs counted differently (depwatch/trivy) |");
        Line(text, "|---|--:|--:|---|---|");
        foreach (var sbom in Sboms)
        {
            var (depwatch, trivy) = (sbom.DepwatchFindings!, sbom.TrivyFindings!);
            var differences = depwatch.DifferencesFrom(trivy);
            Line(text, $"| {sbom.Label} | {depwatch.Total} ({depwatch.Os} + {depwatch.Language}) | {trivy.Total} ({trivy.Os} + {trivy.Language}) | " +
                $"{(depwatch.Total == trivy.Total ? "yes" : "**no**")} | {(differences.Count == 0 ? "none" : string.Join(", ", differences))} |");
        }

        Line(text, "");
    }

    private void WriteStartup(StringBuilder text)
    {
        Line(text, "Start-up alone (median wall, peak RSS), which every scan above includes:");
        Line(text, "");
        Line(text, $"- `depwatch --version`: {DepwatchStartup.MedianWallSeconds:F3} s, {DepwatchStartup.MedianRssMegabytes:F1} MB");
        Line(text, $"- `trivy --version`: {TrivyStartup.MedianWallSeconds:F3} s, {TrivyStartup.MedianRssMegabytes:F1} MB" +
            (TrivyIsUpxPacked ? " — this Trivy binary is **UPX-packed**" : ""));
        if (TrivyStartupSplits is { Count: > 0 } splits)
        {
            var after = Summary.Median(splits.Select(split => split.AfterFirstThreadSeconds));
            Line(text, $"  - before Go's runtime starts (execve → first thread, strace; UPX unpacking when packed): {UnpackSeconds:F3} s; " +
                $"from there to exit: {after:F3} s (medians of {splits.Count})");
        }

        Line(text, $"- measurement overhead (`/usr/bin/time /bin/true`): {Overhead.MedianWallSeconds:F3} s");
        Line(text, "");
        Line(text, "Peak RSS of each scan above that of the tool's `--version` run (median):");
        Line(text, "");
        foreach (var sbom in Sboms)
        {
            Line(text, $"- {sbom.Label}: depwatch +{sbom.Depwatch!.MedianRssMegabytes - DepwatchStartup.MedianRssMegabytes:F1} MB, " +
                $"trivy +{sbom.Trivy!.MedianRssMegabytes - TrivyStartup.MedianRssMegabytes:F1} MB");
        }

        Line(text, "");
        if (TrivyIsUpxPacked && UnpackSeconds is { } unpack)
        {
            Line(text, "Estimate, not a measurement: Trivy's client without the UPX stage (median wall minus the median unpacking time");
            Line(text, "above), as a Trivy binary that is not packed would start:");
            Line(text, "");
            foreach (var sbom in Sboms)
            {
                var estimate = sbom.Trivy!.MedianWallSeconds - unpack;
                Line(text, $"- {sbom.Label}: trivy ≈ {estimate:F3} s; depwatch/trivy ≈ {sbom.Depwatch!.MedianWallSeconds / estimate:F2}" +
                    (sbom.Depwatch.MedianWallSeconds / estimate <= WallRatioTarget ? $" (within the {WallRatioTarget:F1} target)" : $" (above the {WallRatioTarget:F1} target)"));
            }

            Line(text, "");
        }
    }

    private void WritePhases(StringBuilder text)
    {
        Line(text, "Where the time goes: one extra run of each tool, Depwatch without `--quiet` and Trivy with `--debug`, each line");
        Line(text, "it printed stamped with the seconds since the process was started:");
        Line(text, "");
        foreach (var sbom in Sboms)
        {
            WriteTimeline(text, $"{sbom.Label}, depwatch:", sbom.DepwatchPhases);
            WriteTimeline(text, $"{sbom.Label}, trivy sbom --server --debug:", sbom.TrivyPhases);
        }
    }

    private static void WriteTimeline(StringBuilder text, string title, IReadOnlyList<TimedLine> lines)
    {
        Line(text, title);
        Line(text, "");
        Line(text, "```");
        foreach (var line in lines)
        {
            Line(text, $"{line.Seconds,7:F3} s  {line.Line}");
        }

        Line(text, "```");
        Line(text, "");
    }

    private void WriteRawRuns(StringBuilder text)
    {
        Line(text, "Every timed run (wall s / peak RSS MB):");
        Line(text, "");
        foreach (var sbom in Sboms)
        {
            foreach (var summary in new[] { sbom.Depwatch!, sbom.Trivy! })
            {
                Line(text, $"- {sbom.Label}, {summary.Tool}: " +
                    string.Join(", ", summary.Runs.Select(run => $"{run.WallSeconds:F3} / {run.MaxRssMegabytes:F1}")));
            }
        }

        Line(text, "");
        Line(text, "Commands timed (the token and file names vary by run):");
        Line(text, "");
        Line(text, "```");
        Line(text, DepwatchCommand);
        Line(text, TrivyCommand);
        Line(text, "```");
    }

    private static double WallRatio(SbomCase sbom) => sbom.Depwatch!.MedianWallSeconds / sbom.Trivy!.MedianWallSeconds;

    private static double RssRatio(SbomCase sbom) => sbom.Depwatch!.MedianRssMegabytes / sbom.Trivy!.MedianRssMegabytes;

    private static string Range(Summary summary) =>
        string.Create(CultureInfo.InvariantCulture, $"{summary.MinWallSeconds:F3}–{summary.MaxWallSeconds:F3}");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
