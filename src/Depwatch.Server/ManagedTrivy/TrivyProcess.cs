using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Depwatch.Server.ManagedTrivy;

/// <summary>
/// One run of <c>trivy server</c>, its output written to Depwatch's log at the level Trivy gave each line. On Unix it
/// runs under a small <c>sh</c> guard that kills Trivy as soon as Depwatch's end of the guard's standard input closes,
/// which the kernel does when Depwatch exits in any way, <c>kill -9</c> included.
/// </summary>
internal sealed partial class TrivyProcess : IAsyncDisposable
{
    private const string PidMarker = "depwatch-managed-trivy-pid ";

    // fd 3 keeps the guard's stdin for the watcher: an asynchronous list's own stdin is /dev/null.
    private const string GuardScript = """
        exec 3<&0
        "$@" </dev/null &
        child=$!
        echo "depwatch-managed-trivy-pid $child"
        { read -r _ <&3; kill "$child" 2>/dev/null; } &
        watcher=$!
        wait "$child"
        status=$?
        kill "$watcher" 2>/dev/null
        exit "$status"
        """;

    private static readonly TimeSpan s_gracePeriod = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<int> _trivyPid = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TrivyProcess(Process process, ILogger logger) => (_process, _logger) = (process, logger);

    /// <summary>Trivy's own process id, known once it started.</summary>
    public Task<int> ProcessId => _trivyPid.Task;

    public Task Exited => _process.WaitForExitAsync();

    public bool HasExited => _process.HasExited;

    public string ExitDescription => _process.HasExited ? $"exit code {_process.ExitCode}" : "running";

    public static TrivyProcess Start(string executable, IReadOnlyList<string> arguments, string token, ILogger logger)
    {
        var guarded = !OperatingSystem.IsWindows();
        var startInfo = new ProcessStartInfo(guarded ? "/bin/sh" : executable)
        {
            RedirectStandardInput = guarded,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (guarded)
        {
            foreach (var argument in (string[])["-c", GuardScript, "depwatch-trivy", executable])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        // In the environment rather than on the command line, where every local user could read it.
        startInfo.Environment["TRIVY_TOKEN"] = token;
        var process = new Process { StartInfo = startInfo };
        var trivy = new TrivyProcess(process, logger);
        process.OutputDataReceived += (_, line) => trivy.Forward(line.Data);
        process.ErrorDataReceived += (_, line) => trivy.Forward(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!guarded)
        {
            trivy._trivyPid.TrySetResult(process.Id);
        }
        return trivy;
    }

    /// <summary>Asks Trivy to stop (SIGTERM through the guard), then kills what is left after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (_process.StartInfo.RedirectStandardInput)
            {
                _process.StandardInput.Close();
            }
            using var grace = new CancellationTokenSource(s_gracePeriod);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _trivyPid.TrySetCanceled();
        _process.Dispose();
    }

    private void Forward(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.StartsWith(PidMarker, StringComparison.Ordinal) && int.TryParse(line.AsSpan(PidMarker.Length), out var pid))
        {
            _trivyPid.TrySetResult(pid);
            return;
        }
        // "2026-12-03T16:36:20.531Z<TAB>INFO<TAB>message", the level coloured.
        var parts = AnsiEscape().Replace(line, "").Split('\t', 3);
        var (level, message) = parts is [_, var name, var text] ? (LevelOf(name), text) : (LogLevel.Information, parts[^1]);
        LogTrivyLine(_logger, level, message);
    }

    private static LogLevel LevelOf(string name) => name.Trim() switch
    {
        "DEBUG" => LogLevel.Debug,
        "WARN" => LogLevel.Warning,
        "ERROR" or "FATAL" => LogLevel.Error,
        _ => LogLevel.Information,
    };

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    [LoggerMessage(EventId = 1111, Message = "trivy: {Line}")]
    private static partial void LogTrivyLine(ILogger logger, LogLevel level, string line);
}
