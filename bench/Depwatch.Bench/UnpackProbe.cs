using System.Globalization;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Bench;

/// <summary>How long one start of a program spent before and after its first thread appeared.</summary>
internal sealed record StartupSplit(double BeforeFirstThreadSeconds, double AfterFirstThreadSeconds);

/// <summary>
/// The Trivy binary that scripts/install-trivy.sh installs is UPX-packed: before Go's runtime even starts, the stub
/// decompresses the whole program into memory. This probe measures that stage on <c>trivy --version</c> with
/// <c>strace -f --seccomp-bpf -ttt -e trace=execve,clone,clone3</c> (only those calls, and signals, stop the process):
/// from the <c>execve</c> to the first <c>clone</c>, which the Go runtime makes as soon as it starts, and from there to
/// the exit. The UPX stage makes neither calls nor signals, so tracing does not slow it; the Go part is a little slower
/// traced than untraced (the runtime's preemption signals stop it too).
/// </summary>
internal static class UnpackProbe
{
    public const string Strace = "/usr/bin/strace";

    /// <summary>Whether the file carries UPX's "UPX!" marker in its first 4 KiB, as packed executables do.</summary>
    public static bool IsUpxPacked(string program)
    {
        var head = new byte[4096];
        using var file = File.OpenRead(program);
        var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head.AsSpan(0, length).IndexOf("UPX!"u8) >= 0;
    }

    /// <summary>The split of each run, or null when strace is not installed.</summary>
    public static async Task<IReadOnlyList<StartupSplit>?> RunAsync(string program, string workDir, int runs, CancellationToken cancellationToken)
    {
        if (!File.Exists(Strace))
        {
            return null;
        }

        List<StartupSplit> splits = [];
        for (var run = 0; run < runs; run++)
        {
            splits.Add(await TraceAsync(new ToolCommand("trivy", program, ["--version"]), workDir, cancellationToken));
        }

        return splits;
    }

    /// <summary>
    /// One traced run of a command: how long it spent before its first thread (the UPX stage, for a packed Go program)
    /// and from there to its exit, which is what the same program takes when it is not packed.
    /// </summary>
    public static async Task<StartupSplit> TraceAsync(ToolCommand command, string workDir, CancellationToken cancellationToken)
    {
        var traceFile = Path.Combine(workDir, "strace.out");
        File.Delete(traceFile);
        var result = await ProcessRunner.RunAsync(
            Strace, ["-f", "--seccomp-bpf", "-ttt", "-e", "trace=execve,clone,clone3", "-e", "signal=none", "-o", traceFile, command.FileName, .. command.Arguments],
            TimeSpan.FromMinutes(10), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"strace {command.Display} failed (exit {result.ExitCode}):\n{result.StandardError}");
        }

        return Parse(File.ReadAllLines(traceFile));
    }

    // Lines look like "PID SECONDS.MICROS execve(...) = 0" (the PID padded with spaces), "PID SECONDS.MICROS clone(...) = TID" and
    // "PID SECONDS.MICROS +++ exited with 0 +++"; the last line is the last thread's exit.
    private static StartupSplit Parse(string[] lines)
    {
        double Time(string line) =>
            double.Parse(line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var exec = Time(lines.First(line => line.Contains(" execve(", StringComparison.Ordinal)));
        var firstThread = Time(lines.First(line => line.Contains(" clone(", StringComparison.Ordinal) || line.Contains(" clone3(", StringComparison.Ordinal)));
        var exit = Time(lines.Last(line => line.Contains("+++ exited with", StringComparison.Ordinal)));
        return new StartupSplit(firstThread - exec, exit - firstThread);
    }
}
