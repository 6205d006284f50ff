using Depwatch.Testing.TrivyDb;

namespace Depwatch.Testing.TrivyServer;

/// <summary>Runs the Trivy binary as a command-line tool: Trivy's own client, or an SBOM generator.</summary>
public static class TrivyCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <c>trivy ARGS</c> and returns exit code, stdout and stderr.</summary>
    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(TrivyBinary.Path, arguments, DefaultTimeout);

    /// <summary>
    /// Scans an SBOM with Trivy's client against a server: the reference for what Depwatch should find.
    /// Returns the Trivy JSON report in stdout.
    /// </summary>
    /// <param name="options">More of the client's options, e.g. <c>--vex FILE</c>.</param>
    public static async Task<ProcessResult> ScanSbomAsync(Uri serverUrl, string token, string tokenHeader, string sbomFile, params string[] options)
    {
        using var clientCache = new TemporaryDirectory("depwatch-trivy-client-");
        return await RunAsync([
            "sbom", "--server", serverUrl.ToString().TrimEnd('/'), "--token", token, "--token-header", tokenHeader,
            "--cache-dir", clientCache.Path, "--format", "json", "--quiet", .. options, sbomFile]);
    }

    /// <summary>
    /// Scans an SBOM with Trivy on its own, offline, over a private copy of the fixture DB: for what only Trivy's
    /// standalone mode does (this build applies <c>--vex</c> only there).
    /// </summary>
    public static async Task<ProcessResult> ScanSbomOfflineAsync(string sbomFile, params string[] options)
    {
        using var cache = new TemporaryDirectory("depwatch-trivy-offline-");
        TrivyDbBuilder.Build(cache.Path, TrivyDbBuilder.DefaultFixtureFiles());
        return await RunAsync([
            "sbom", "--skip-db-update", "--offline-scan", "--cache-dir", cache.Path, "--format", "json", "--quiet", .. options, sbomFile]);
    }

    /// <summary>
    /// Writes a Trivy-made CycloneDX SBOM of an unpacked root filesystem to <paramref name="outputFile"/>.
    /// Uses a private fixture DB, so it never contends for a running server's cache files.
    /// </summary>
    public static async Task<ProcessResult> RootfsSbomAsync(string rootfsDir, string outputFile, IEnumerable<string>? fixtureFiles = null)
    {
        using var cache = new TemporaryDirectory("depwatch-trivy-rootfs-");
        TrivyDbBuilder.Build(cache.Path, fixtureFiles ?? TrivyDbBuilder.DefaultFixtureFiles());
        var result = await RunAsync(
            "rootfs", rootfsDir, "--format", "cyclonedx", "--skip-db-update", "--offline-scan",
            "--cache-dir", cache.Path, "--output", outputFile, "--quiet");
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException($"trivy rootfs {rootfsDir} failed (exit {result.ExitCode}):\n{result.StandardError}");
    }
}
