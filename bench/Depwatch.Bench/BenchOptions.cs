using System.Globalization;

namespace Depwatch.Bench;

/// <summary>The benchmark's command line: <c>--depwatch PATH [--depwatch-jit PATH] [--runs N] [--components N] [--markdown FILE] [--keep DIR] [--rootfs-source DIR]</c>.</summary>
internal sealed record BenchOptions
{
    public const string Usage =
        "usage: Depwatch.Bench --depwatch PATH [--depwatch-jit PATH] [--runs N] [--components N] [--markdown FILE] [--keep DIR] [--rootfs-source DIR]\n" +
        "  --depwatch PATH       the published depwatch executable, Native AOT (or depwatch.dll, run with dotnet)\n" +
        "  --depwatch-jit PATH   also time this build of depwatch (the JIT build), side by side\n" +
        "  --runs N              timed runs of each tool per SBOM, after one warm-up each (default 5)\n" +
        "  --components N        components in the generated SBOM (default 10000)\n" +
        "  --markdown FILE       also write the results as Markdown to FILE\n" +
        "  --keep DIR            copy the SBOMs and both tools' warm-up reports to DIR\n" +
        "  --rootfs-source DIR   where etc/os-release, etc/debian_version and var/lib/dpkg/status come from (default /)";

    public required string Depwatch { get; init; }

    public string? DepwatchJit { get; init; }

    public int Runs { get; init; } = 5;

    public int Components { get; init; } = 10_000;

    public string? Markdown { get; init; }

    public string? Keep { get; init; }

    public string RootfsSource { get; init; } = "/";

    /// <summary>The options, or null with <paramref name="problem"/> set (null too for <c>--help</c>: print the usage).</summary>
    public static BenchOptions? Parse(string[] args, out string? problem)
    {
        problem = null;
        if (args.Any(arg => arg is "--help" or "-h"))
        {
            return null;
        }

        string? depwatch = null;
        string? depwatchJit = null;
        string? markdown = null;
        string? keep = null;
        var rootfsSource = "/";
        var runs = 5;
        var components = 10_000;
        for (var index = 0; index < args.Length; index++)
        {
            var value = index + 1 < args.Length ? args[index + 1] : null;
            switch (args[index])
            {
                case "--depwatch" when value is not null:
                    depwatch = Path.GetFullPath(value);
                    break;
                case "--depwatch-jit" when value is not null:
                    depwatchJit = Path.GetFullPath(value);
                    break;
                case "--markdown" when value is not null:
                    markdown = Path.GetFullPath(value);
                    break;
                case "--keep" when value is not null:
                    keep = Path.GetFullPath(value);
                    break;
                case "--rootfs-source" when value is not null:
                    rootfsSource = value;
                    break;
                case "--runs" when PositiveInt(value) is { } parsed:
                    runs = parsed;
                    break;
                case "--components" when PositiveInt(value) is { } parsed and >= 100:
                    components = parsed;
                    break;
                default:
                    problem = $"bad or incomplete argument '{args[index]}'";
                    return null;
            }

            index++;
        }

        if (depwatch is null || !File.Exists(depwatch))
        {
            problem = depwatch is null ? "--depwatch is required" : $"no such file: {depwatch}";
            return null;
        }

        if (depwatchJit is not null && !File.Exists(depwatchJit))
        {
            problem = $"no such file: {depwatchJit}";
            return null;
        }

        return new BenchOptions
        {
            Depwatch = depwatch, DepwatchJit = depwatchJit, Runs = runs, Components = components, Markdown = markdown, Keep = keep, RootfsSource = rootfsSource,
        };
    }

    private static int? PositiveInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
