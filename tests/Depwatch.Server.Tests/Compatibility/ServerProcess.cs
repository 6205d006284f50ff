using System.Diagnostics;
using System.Text;
using Depwatch.Testing;

namespace Depwatch.Server.Tests.Compatibility;

/// <summary>
/// The real server binary (<c>dotnet depwatch-server.dll</c>) listening on a loopback port, configured only through
/// environment variables as a container would be. Dispose kills it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Everything the server logged so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="workingDirectory">Where the process starts; by default the folder holding the binary.</param>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Find()}/");
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "depwatch-server.dll"));
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        var server = new ServerProcess(new Process { StartInfo = startInfo }, baseUrl);
        server._process.OutputDataReceived += (_, line) => server.Append(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
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

    // The host running these tests is the dotnet the server was built for.
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
