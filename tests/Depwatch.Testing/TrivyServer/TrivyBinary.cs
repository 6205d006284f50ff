namespace Depwatch.Testing.TrivyServer;

/// <summary>
/// Locates the Trivy binary the tests run: <c>DEPWATCH_TRIVY_BINARY</c> if set, otherwise the path
/// that <c>scripts/install-trivy.sh</c> prints (it downloads the binary on first use).
/// </summary>
public static class TrivyBinary
{
    public const string EnvironmentVariable = "DEPWATCH_TRIVY_BINARY";

    private static readonly Lazy<string> s_located = new(Locate);

    public static string Path => s_located.Value;

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"{EnvironmentVariable} points to a missing file.", configured);
        }

        return RunInstallScript();
    }

    private static string RunInstallScript()
    {
        var script = RepositoryRoot.PathOf("scripts", "install-trivy.sh");
        // The first run downloads a large npm tarball, hence the generous timeout. Task.Run keeps the
        // blocking wait off any test synchronization context.
        var result = Task.Run(() => ProcessRunner.RunAsync("bash", [script], TimeSpan.FromMinutes(15))).GetAwaiter().GetResult();
        var path = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (result.ExitCode != 0 || path is null || !File.Exists(path))
        {
            throw new InvalidOperationException($"{script} failed (exit {result.ExitCode}):\n{result.StandardError}");
        }

        return path;
    }
}
