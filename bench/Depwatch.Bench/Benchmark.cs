using Depwatch.Testing.TrivyServer;

namespace Depwatch.Bench;

/// <summary>
/// Starts one Trivy server over the fixture DB, prepares the two SBOMs, and times <c>depwatch scan</c> (the native
/// build, and the JIT build when given) and <c>trivy sbom --server</c> on each: one warm-up run of each tool (whose
/// reports are kept to compare findings), then <see cref="BenchOptions.Runs"/> interleaved timed runs (depwatch,
/// depwatch JIT, trivy, trivy traced, depwatch, …). The traced Trivy run measures the client without its UPX stage.
/// </summary>
internal static class Benchmark
{
    private const string NullDevice = "/dev/null";

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var trivy = TrivyBinary.Path;
        using var work = new TemporaryDirectory("depwatch-bench-");
        var runner = new TimedRunner(work.Path, cancellationToken);
        var clientCache = Path.Combine(work.Path, "trivy-client-cache");

        Log("writing SBOM (a) with trivy rootfs from " + options.RootfsSource);
        var rootfs = SbomCase.Of("(a) Debian rootfs, by `trivy rootfs`", await RootfsSbom.WriteAsync(options.RootfsSource, work.Path));
        Log($"writing SBOM (b): {options.Components} generated components");
        var syntheticFile = Path.Combine(work.Path, $"synthetic-{options.Components}.cdx.json");
        SyntheticSbom.Write(syntheticFile, options.Components);
        var synthetic = SbomCase.Of("(b) generated, OS + 6 ecosystems", syntheticFile);

        Log("starting trivy server");
        await using var server = await TrivyServerInstance.StartAsync(cancellationToken: cancellationToken);
        Log($"trivy server at {server.BaseUrl}");

        var report = new BenchReport(options.Runs)
        {
            Overhead = await SeriesAsync(runner, new ToolCommand("true", "/bin/true", []), options.Runs),
            DepwatchStartup = await SeriesAsync(runner, ToolCommand.DepwatchVersion(options.Depwatch), options.Runs),
            TrivyStartup = await SeriesAsync(runner, ToolCommand.TrivyVersion(trivy), options.Runs),
            TrivyIsUpxPacked = UnpackProbe.IsUpxPacked(trivy),
            TrivyStartupSplits = await UnpackProbe.RunAsync(trivy, work.Path, options.Runs, cancellationToken),
            DepwatchCommand = ToolCommand.Depwatch(options.Depwatch, server.BaseUrl, "TOKEN", "SBOM", NullDevice).Display,
            TrivyCommand = ToolCommand.Trivy(trivy, server.BaseUrl, "TOKEN", "CACHE", "SBOM", NullDevice).Display,
        };
        if (options.DepwatchJit is not null)
        {
            report.DepwatchJitStartup = await SeriesAsync(runner, ToolCommand.DepwatchVersion(options.DepwatchJit), options.Runs);
        }

        var tools = new Tools(options.Depwatch, options.DepwatchJit, trivy, server.BaseUrl, server.Token, clientCache);
        foreach (var (sbom, index) in new[] { rootfs, synthetic }.Select((sbom, index) => (sbom, index)))
        {
            await MeasureAsync(sbom, index, tools, runner, options, work.Path, cancellationToken);
            report.Sboms.Add(sbom);
        }

        var markdown = report.ToMarkdown();
        Console.Write(markdown);
        if (options.Markdown is not null)
        {
            await File.WriteAllTextAsync(options.Markdown, markdown);
        }

        return 0;
    }

    /// <summary>Warm-up runs (reports kept to count findings), timed interleaved runs, then the timelines.</summary>
    private static async Task MeasureAsync(
        SbomCase sbom, int index, Tools tools, TimedRunner runner, BenchOptions options, string workDir, CancellationToken cancellationToken)
    {
        Log($"{sbom.Label}: {sbom.Components} components, {new FileInfo(sbom.File).Length / 1024} KiB");
        var depwatchReport = Path.Combine(workDir, $"depwatch-{index}.json");
        var trivyReport = Path.Combine(workDir, $"trivy-{index}.json");
        LogRun("warm-up", await runner.RunAsync(tools.Depwatch(sbom.File, depwatchReport)), "depwatch");
        LogRun("warm-up", await runner.RunAsync(tools.Trivy(sbom.File, trivyReport)), "trivy");
        sbom.DepwatchFindings = FindingCounts.FromDepwatchReport(depwatchReport);
        sbom.TrivyFindings = FindingCounts.FromTrivyReport(trivyReport);
        Log($"  findings: depwatch {sbom.DepwatchFindings.Total}, trivy {sbom.TrivyFindings.Total}");
        Keep(options.Keep, sbom.File, depwatchReport, trivyReport);

        var traced = File.Exists(UnpackProbe.Strace);
        List<Measurement> depwatchRuns = [], jitRuns = [], trivyRuns = [], unpackedRuns = [];
        List<StartupSplit> splits = [];
        for (var run = 1; run <= options.Runs; run++)
        {
            depwatchRuns.Add(LogRun($"run {run}", await runner.RunAsync(tools.Depwatch(sbom.File, NullDevice)), "depwatch"));
            if (tools.Jit(sbom.File, NullDevice) is { } jit)
            {
                jitRuns.Add(LogRun($"run {run}", await runner.RunAsync(jit), "jit"));
            }
            trivyRuns.Add(LogRun($"run {run}", await runner.RunAsync(tools.Trivy(sbom.File, NullDevice)), "trivy"));
            if (traced)
            {
                var split = await UnpackProbe.TraceAsync(tools.Trivy(sbom.File, NullDevice), workDir, cancellationToken);
                splits.Add(split);
                unpackedRuns.Add(LogRun($"run {run}", new Measurement(split.AfterFirstThreadSeconds, 0), "trivy-upx"));
            }
        }

        sbom.Depwatch = new Summary("depwatch (Native AOT)", depwatchRuns);
        sbom.DepwatchJit = jitRuns.Count > 0 ? new Summary("depwatch (JIT)", jitRuns) : null;
        sbom.Trivy = new Summary("trivy", trivyRuns);
        sbom.TrivyWithoutUnpacking = traced ? new Summary("trivy without its UPX stage", unpackedRuns) : null;
        sbom.TrivyTracedSplits = splits;
        sbom.DepwatchPhases = await PhaseProbe.RunAsync(tools.Depwatch(sbom.File, NullDevice, verbose: true), cancellationToken);
        sbom.TrivyPhases = await PhaseProbe.RunAsync(tools.Trivy(sbom.File, NullDevice, verbose: true), cancellationToken);
    }

    private static void Keep(string? keepDir, params string[] files)
    {
        if (keepDir is null)
        {
            return;
        }

        Directory.CreateDirectory(keepDir);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(keepDir, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static async Task<Summary> SeriesAsync(TimedRunner runner, ToolCommand command, int runs)
    {
        List<Measurement> measurements = [];
        for (var run = 0; run < runs; run++)
        {
            measurements.Add(await runner.RunAsync(command));
        }

        var summary = new Summary(command.Tool, measurements);
        Log($"{command.Display}: median {summary.MedianWallSeconds:F3} s, {summary.MedianRssMegabytes:F1} MB");
        return summary;
    }

    private static Measurement LogRun(string what, Measurement measurement, string tool)
    {
        Log($"  {what,-8} {tool,-9} {measurement.WallSeconds,7:F3} s {measurement.MaxRssMegabytes,7:F1} MB");
        return measurement;
    }

    private static void Log(string message) => Console.Error.WriteLine($"bench: {message}");

    /// <summary>Both tools' command lines against the one server: quiet for timing, verbose for the timelines.</summary>
    private sealed record Tools(string DepwatchPath, string? JitPath, string TrivyPath, Uri Server, string Token, string ClientCache)
    {
        public ToolCommand Depwatch(string sbom, string output, bool verbose = false) =>
            ToolCommand.Depwatch(DepwatchPath, Server, Token, sbom, output, quiet: !verbose);

        public ToolCommand? Jit(string sbom, string output) =>
            JitPath is null ? null : ToolCommand.Depwatch(JitPath, Server, Token, sbom, output);

        public ToolCommand Trivy(string sbom, string output, bool verbose = false) =>
            ToolCommand.Trivy(TrivyPath, Server, Token, ClientCache, sbom, output, debug: verbose);
    }
}
