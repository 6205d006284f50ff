using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Depwatch.Bench;

/// <summary>One progress line of a run and when it arrived, in seconds since the process was started.</summary>
internal sealed record TimedLine(double Seconds, string Line);

/// <summary>
/// Runs a command once, untimed by GNU time, and stamps each line it writes to standard error with the time it
/// arrived: run on <c>depwatch scan</c> without <c>--quiet</c>, it shows where the time goes.
/// </summary>
internal static partial class PhaseProbe
{
    public static async Task<IReadOnlyList<TimedLine>> RunAsync(ToolCommand command, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        List<TimedLine> lines = [];
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {command.FileName}.");
        using var kill = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(new TimedLine(stopwatch.Elapsed.TotalSeconds, Clean(line)));
        }

        await process.WaitForExitAsync(CancellationToken.None);
        await standardOutput;
        cancellationToken.ThrowIfCancellationRequested();
        lines.Add(new TimedLine(stopwatch.Elapsed.TotalSeconds, $"(process exited with code {process.ExitCode})"));
        return lines;
    }

    // Trivy colours its log levels and may append long error chains: keep the lines short and plain.
    private static string Clean(string line)
    {
        var plain = AnsiEscape().Replace(line, "");
        return plain.Length <= 160 ? plain : plain[..157] + "...";
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
