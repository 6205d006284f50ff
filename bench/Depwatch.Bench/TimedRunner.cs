using System.Diagnostics;
using System.Globalization;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Bench;

/// <summary>
/// Runs a command under GNU time (<c>/usr/bin/time -f '%e %M'</c>): the peak RSS is time's <c>%M</c> (KiB, the
/// kernel's <c>ru_maxrss</c> of the child); the wall time is a Stopwatch around the whole run, finer than time's
/// 10 ms <c>%e</c>, and includes the few milliseconds of starting <c>/usr/bin/time</c> itself, the same for every tool.
/// </summary>
internal sealed class TimedRunner(string workDir, CancellationToken cancellationToken)
{
    public const string TimeBinary = "/usr/bin/time";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _timeFile = Path.Combine(workDir, "time.out");

    public async Task<Measurement> RunAsync(ToolCommand command)
    {
        File.Delete(_timeFile);
        var stopwatch = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(
            TimeBinary, ["-f", "%e %M", "-o", _timeFile, "--", command.FileName, .. command.Arguments], Timeout, cancellationToken);
        stopwatch.Stop();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{command.Display} failed (exit {result.ExitCode}):\n{result.StandardError}{result.StandardOutput}");
        }

        // On failure GNU time writes a "Command exited with non-zero status" line first: the figures are the last line.
        var figures = File.ReadAllLines(_timeFile).Last(line => line.Length > 0).Split(' ');
        return new Measurement(stopwatch.Elapsed.TotalSeconds, long.Parse(figures[1], CultureInfo.InvariantCulture));
    }
}
