namespace Depwatch.Bench;

/// <summary>A command line to time: the executable and its arguments.</summary>
internal sealed record ToolCommand(string Tool, string FileName, IReadOnlyList<string> Arguments)
{
    public string Display => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    /// <summary>
    /// <c>depwatch scan FILE --trivy-url URL --trivy-token T --format json --output OUT --quiet</c>; a published
    /// <c>depwatch.dll</c> is run with <c>dotnet</c>, the apphost directly.
    /// </summary>
    public static ToolCommand Depwatch(string depwatch, Uri server, string token, string sbom, string output, bool quiet = true)
    {
        List<string> arguments =
        [
            "scan", sbom, "--trivy-url", server.ToString().TrimEnd('/'), "--trivy-token", token, "--format", "json", "--output", output,
        ];
        if (quiet)
        {
            arguments.Add("--quiet");
        }

        return WithHost("depwatch", depwatch, arguments);
    }

    /// <summary><c>depwatch --version</c>: the runtime's start-up and shutdown with (almost) no work.</summary>
    public static ToolCommand DepwatchVersion(string depwatch) => WithHost("depwatch", depwatch, ["--version"]);

    /// <summary>
    /// Trivy's own client doing the same job: <c>trivy sbom --server URL --token T --cache-dir C --format json
    /// --output OUT --quiet FILE</c>. In client mode it needs no vulnerability DB and downloads nothing.
    /// </summary>
    /// <remarks>With <paramref name="debug"/>, <c>--debug</c> replaces <c>--quiet</c>: Trivy then logs each step.</remarks>
    public static ToolCommand Trivy(string trivy, Uri server, string token, string cacheDir, string sbom, string output, bool debug = false) =>
        new("trivy", trivy,
        [
            "sbom", "--server", server.ToString().TrimEnd('/'), "--token", token, "--cache-dir", cacheDir,
            "--format", "json", "--output", output, debug ? "--debug" : "--quiet", sbom,
        ]);

    public static ToolCommand TrivyVersion(string trivy) => new("trivy", trivy, ["--version"]);

    private static ToolCommand WithHost(string tool, string path, List<string> arguments) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new ToolCommand(tool, "dotnet", [path, .. arguments])
            : new ToolCommand(tool, path, arguments);

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@+,".Contains(c)) ? argument : $"'{argument}'";
}
