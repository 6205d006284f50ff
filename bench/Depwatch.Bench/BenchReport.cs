using System.Globalization;
using System.Text;

namespace Depwatch.Bench;

/// <summary>Everything one benchmark run measured, written as the Markdown that bench/run.sh puts in docs/benchmarks.md.</summary>
internal sealed class BenchReport(int runs)
{
    /// <summary>
    /// The native CLI's targets per SBOM, in the order measured: at most this share of the wall time of Trivy's client
    /// without its UPX stage, and a peak RSS under this many MB. (a) is issue 13's; (b) keeps the earlier 0.5 and 200 MB.
    /// </summary>
    private static readonly (double WallRatio, double RssMegabytes)[] s_targets = [(0.2, 50), (0.5, 200)];

    public List<SbomCase> Sboms { get; } = [];

    public required Summary Overhead { get; init; }

    public required Summary DepwatchStartup { get; init; }

    public Summary? DepwatchJitStartup { get; set; }

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
        Line(text, "MB = 10^6 bytes). The Trivy server's own time and memory are the same for every tool and not counted. Trivy's");
        Line(text, "client without its UPX stage is measured on every run: a run traced with strace, from its first thread (Go's");
        Line(text, "runtime starting, once UPX has unpacked the program) to its exit. Ratios are against that figure, the fair one.");
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
        Line(text, "| SBOM | components | tool | median wall (s) | wall min–max (s) | median peak RSS (MB) | wall / Trivy's without UPX | RSS / Trivy's |");
        Line(text, "|---|--:|---|--:|--:|--:|--:|--:|");
        foreach (var sbom in Sboms)
        {
            var label = $"{sbom.Label} | {sbom.Components:N0}";
            foreach (var depwatch in new[] { sbom.Depwatch!, sbom.DepwatchJit }.OfType<Summary>())
            {
                Line(text, $"| {label} | {depwatch.Tool} | {depwatch.MedianWallSeconds:F3} | {Range(depwatch)} | {depwatch.MedianRssMegabytes:F1} | " +
                    $"**{WallRatio(sbom, depwatch):F2}** | **{RssRatio(sbom, depwatch):F2}** |");
                label = " | ";
            }

            if (sbom.TrivyWithoutUnpacking is { } unpacked)
            {
                Line(text, $"| | | trivy sbom --server, without its UPX stage | {unpacked.MedianWallSeconds:F3} | {Range(unpacked)} | | | |");
            }

            var trivy = sbom.Trivy!;
            Line(text, $"| | | trivy sbom --server, as installed (UPX-packed) | {trivy.MedianWallSeconds:F3} | {Range(trivy)} | {trivy.MedianRssMegabytes:F1} | | |");
        }

        Line(text, "");
    }

    private void WriteTargets(StringBuilder text)
    {
        Line(text, "Targets of the native CLI:");
        Line(text, "");
        foreach (var (sbom, target) in Sboms.Zip(s_targets))
        {
            var ratio = WallRatio(sbom, sbom.Depwatch!);
            var rss = sbom.Depwatch!.MedianRssMegabytes;
            Line(text, $"- {sbom.Label}: wall time at most {target.WallRatio:F1} × {BaselineName(sbom)} — " +
                $"{ratio:F2} × ({sbom.Depwatch.MedianWallSeconds:F3} s vs {Baseline(sbom).MedianWallSeconds:F3} s): " +
                (ratio <= target.WallRatio ? "**met**" : "**missed**"));
            Line(text, $"- {sbom.Label}: peak memory under {target.RssMegabytes:F0} MB — {rss:F1} MB: " +
                (rss < target.RssMegabytes ? "**met**" : "**missed**"));
        }

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
        Line(text, $"- `depwatch --version`, Native AOT: {DepwatchStartup.MedianWallSeconds:F3} s, {DepwatchStartup.MedianRssMegabytes:F1} MB");
        if (DepwatchJitStartup is { } jit)
        {
            Line(text, $"- `depwatch --version`, JIT: {jit.MedianWallSeconds:F3} s, {jit.MedianRssMegabytes:F1} MB");
        }
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
            foreach (var summary in new[] { sbom.Depwatch!, sbom.DepwatchJit, sbom.Trivy! }.OfType<Summary>())
            {
                Line(text, $"- {sbom.Label}, {summary.Tool}: " +
                    string.Join(", ", summary.Runs.Select(run => $"{run.WallSeconds:F3} / {run.MaxRssMegabytes:F1}")));
            }

            if (sbom.TrivyTracedSplits.Count > 0)
            {
                Line(text, $"- {sbom.Label}, trivy traced (UPX stage + the rest = whole traced run, s): " +
                    string.Join(", ", sbom.TrivyTracedSplits.Select(split =>
                        $"{split.BeforeFirstThreadSeconds:F3} + {split.AfterFirstThreadSeconds:F3} = {split.BeforeFirstThreadSeconds + split.AfterFirstThreadSeconds:F3}")));
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

    private static Summary Baseline(SbomCase sbom) => sbom.TrivyWithoutUnpacking ?? sbom.Trivy!;

    private static string BaselineName(SbomCase sbom) =>
        sbom.TrivyWithoutUnpacking is null ? "Trivy's client (strace missing: UPX stage included)" : "Trivy's client without its UPX stage";

    private static double WallRatio(SbomCase sbom, Summary depwatch) => depwatch.MedianWallSeconds / Baseline(sbom).MedianWallSeconds;

    private static double RssRatio(SbomCase sbom, Summary depwatch) => depwatch.MedianRssMegabytes / sbom.Trivy!.MedianRssMegabytes;

    private static string Range(Summary summary) =>
        string.Create(CultureInfo.InvariantCulture, $"{summary.MinWallSeconds:F3}–{summary.MaxWallSeconds:F3}");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
