using System.Diagnostics;
using Depwatch.Testing;

namespace Depwatch.Bench;

/// <summary>
/// The published server (its apphost, so the process id is the server's own) on a free 127.0.0.1 port, configured by
/// <c>Depwatch__…</c> environment variables as in tests/Depwatch.Server.Tests/Compatibility/ServerProcess.cs. Every
/// line it prints is kept with the time it arrived, so the bench can read the ingest and analysis log lines.
/// </summary>
internal sealed class ServerInstance : IAsyncDisposable
{
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;
    private readonly List<(TimeSpan At, string Line)> _lines = [];

    private ServerInstance(Process process, Uri baseUrl, Stopwatch clock)
    {
        _process = process;
        BaseUrl = baseUrl;
        Clock = clock;
    }

    public Uri BaseUrl { get; }

    /// <summary>The clock the log lines are stamped with; the bench stamps its requests with the same one.</summary>
    public Stopwatch Clock { get; }

    public int ProcessId => _process.Id;

    public static async Task<ServerInstance> StartAsync(string serverPath, IReadOnlyDictionary<string, string?> environment, Stopwatch clock)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Find()}/");
        var startInfo = new ProcessStartInfo(serverPath)
        {
            WorkingDirectory = Path.GetDirectoryName(serverPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        var server = new ServerInstance(new Process { StartInfo = startInfo }, baseUrl, clock);
        server._process.OutputDataReceived += (_, line) => server.Append(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The lines printed at or after <paramref name="since"/>, with their arrival times.</summary>
    public List<(TimeSpan At, string Line)> LinesSince(TimeSpan since)
    {
        lock (_lines)
        {
            return _lines.Where(l => l.At >= since).ToList();
        }
    }

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.Select(l => l.Line));
            }
        }
    }

    /// <summary>A field of /proc/PID/status in kB (VmHWM: peak resident set; VmRSS: current).</summary>
    public long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"depwatch-server exited with code {_process.ExitCode} during start-up:\n{Output}");
            }
            try
            {
                using var response = await s_probe.GetAsync(new Uri(BaseUrl, "health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"depwatch-server at {BaseUrl} was not ready within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add((Clock.Elapsed, line));
        }
    }
}
