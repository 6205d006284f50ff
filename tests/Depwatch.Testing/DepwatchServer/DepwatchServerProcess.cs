using System.Diagnostics;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Testing.DepwatchServer;

/// <summary>
/// The real Depwatch server as its own process on a free 127.0.0.1 port, configured by <c>Depwatch__…</c> environment
/// variables as a container is. Every line it prints is kept with the time it arrived. Dispose kills it.
/// </summary>
public sealed class DepwatchServerProcess : IAsyncDisposable
{
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process _process;
    private readonly List<(TimeSpan At, string Line)> _lines = [];

    private DepwatchServerProcess(Process process, Uri baseUrl, Stopwatch clock)
    {
        _process = process;
        BaseUrl = baseUrl;
        Clock = clock;
    }

    public Uri BaseUrl { get; }

    /// <summary>The clock the output lines are stamped with.</summary>
    public Stopwatch Clock { get; }

    public int ProcessId => _process.Id;

    /// <summary>Everything the server printed so far.</summary>
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

    /// <summary>Starts the server built next to the calling test assembly: <c>dotnet depwatch-server.dll</c>.</summary>
    /// <param name="workingDirectory">Where the process starts; by default the folder holding the server.</param>
    public static Task<DepwatchServerProcess> StartBuiltAsync(IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null) =>
        StartAsync(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "depwatch-server.dll")], environment,
            workingDirectory ?? AppContext.BaseDirectory, Stopwatch.StartNew(), TimeSpan.FromSeconds(60));

    /// <summary>Runs a command of the built server to completion, e.g. <c>depwatch-server migrate</c>.</summary>
    public static Task<ProcessResult> RunBuiltAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        ProcessRunner.RunAsync(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "depwatch-server.dll"), .. arguments],
            TimeSpan.FromSeconds(120), environment: environment);

    /// <summary>Starts a published server by its apphost, so that the process id is the server's own.</summary>
    /// <param name="workingDirectory">Where the process starts; by default the folder holding the server.</param>
    public static Task<DepwatchServerProcess> StartPublishedAsync(
        string serverPath, IReadOnlyDictionary<string, string?> environment, Stopwatch clock, string? workingDirectory = null) =>
        StartAsync(serverPath, [], environment, workingDirectory ?? Path.GetDirectoryName(serverPath)!, clock, TimeSpan.FromSeconds(120));

    /// <summary>
    /// Publishes the server the tests were built with (same configuration, no rebuild) into <paramref name="folder"/>,
    /// laid out as operators install it: the program, its settings and its <c>wwwroot</c>.
    /// </summary>
    /// <returns>The path of the server's apphost.</returns>
    public static async Task<string> PublishAsync(string folder)
    {
        // The tests run from bin/CONFIGURATION/net10.0.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var result = await ProcessRunner.RunAsync(DotnetHost(),
            ["publish", RepositoryRoot.PathOf("src", "Depwatch.Server"), "-c", configuration, "--no-build", "-o", folder, "--nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(3));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        }
        return Path.Combine(folder, "depwatch-server");
    }

    /// <summary>The lines printed at or after <paramref name="since"/> on <see cref="Clock"/>, with their arrival times.</summary>
    public List<(TimeSpan At, string Line)> LinesSince(TimeSpan since)
    {
        lock (_lines)
        {
            return _lines.Where(l => l.At >= since).ToList();
        }
    }

    /// <summary>A field of /proc/PID/status in kB (VmHWM: peak resident set; VmRSS: current).</summary>
    public long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or an out-of-memory kill does; what it printed stays readable.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static async Task<DepwatchServerProcess> StartAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory,
        Stopwatch clock, TimeSpan readyTimeout)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Find()}/");
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(["--urls", baseUrl.ToString().TrimEnd('/')]))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        var server = new DepwatchServerProcess(new Process { StartInfo = startInfo }, baseUrl, clock);
        server._process.OutputDataReceived += (_, line) => server.Append(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(readyTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
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

    // The host running the tests is the dotnet the server was built for.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

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
