using System.Net;
using System.Security.Cryptography;
using Depwatch.Testing.TrivyDb;

namespace Depwatch.Testing.TrivyServer;

/// <summary>
/// A real <c>trivy server</c> on a loopback port, serving a fixture DB from its own temp cache folder.
/// Dispose kills the process tree and deletes the folder.
/// </summary>
public sealed class TrivyServerInstance : IAsyncDisposable
{
    private static readonly HttpClient s_healthClient = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly TemporaryDirectory _workDir;
    private readonly TrivyServerOptions _options;
    private CapturedProcess? _process;
    private string _previousOutput = "";

    private TrivyServerInstance(TemporaryDirectory workDir, TrivyServerOptions options, int port)
    {
        _workDir = workDir;
        _options = options;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        Token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    }

    public Uri BaseUrl { get; }

    public string Token { get; }

    public string TokenHeader => _options.TokenHeader;

    /// <summary>The server's --cache-dir: db/ holds the fixture DB, fanal/ the server's blob cache.</summary>
    public string CacheDir => Path.Combine(_workDir.Path, "cache");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the server printed since it was first started.</summary>
    public string Output => _previousOutput + _process?.Output;

    public static async Task<TrivyServerInstance> StartAsync(TrivyServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TrivyServerOptions();
        var instance = new TrivyServerInstance(new TemporaryDirectory("depwatch-trivy-server-"), options, FreePort.Find());
        try
        {
            TrivyDbBuilder.Build(instance.CacheDir, options.FixtureFiles ?? TrivyDbBuilder.DefaultFixtureFiles());
            await instance.RestartAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server; the port, token and cache stay so <see cref="RestartAsync"/> can bring it back.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        await _process.KillAsync();
        _previousOutput += _process.Output;
        _process.Dispose();
        _process = null;
    }

    /// <summary>(Re)starts the server on the same address and waits until /healthz answers ok.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        _process = CapturedProcess.Start(TrivyBinary.Path, ServerArguments());
        await WaitUntilHealthyAsync(_process, cancellationToken);
    }

    /// <summary>An HttpClient for this server: base address set, token header sent, gzip responses decoded.</summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip }) { BaseAddress = BaseUrl };
        if (Token.Length > 0)
        {
            client.DefaultRequestHeaders.Add(TokenHeader, Token);
        }

        return client;
    }

    /// <summary>Scans an SBOM file with Trivy's own client against this server (Trivy JSON report in stdout).</summary>
    public Task<ProcessResult> ScanSbomWithTrivyClientAsync(string sbomFile) =>
        TrivyCli.ScanSbomAsync(BaseUrl, Token, TokenHeader, sbomFile);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _workDir.Dispose();
    }

    private List<string> ServerArguments()
    {
        List<string> arguments =
        [
            "server", "--skip-db-update", "--listen", $"{BaseUrl.Host}:{BaseUrl.Port}", "--cache-dir", CacheDir,
            "--token-header", TokenHeader,
        ];
        if (Token.Length > 0)
        {
            arguments.AddRange(["--token", Token]);
        }

        return arguments;
    }

    private async Task WaitUntilHealthyAsync(CapturedProcess server, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _options.StartupTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"trivy server exited during startup:\n{server.Output}");
            }

            if (await IsHealthyAsync(cancellationToken))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"trivy server at {BaseUrl} was not healthy within {_options.StartupTimeout}:\n{server.Output}");
    }

    private async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s_healthClient.GetAsync(new Uri(BaseUrl, "healthz"), cancellationToken);
            return response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync(cancellationToken) == "ok";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
