using Xunit;

namespace Depwatch.Testing.TrivyServer;

/// <summary>
/// xunit fixture: one real Trivy server with the default fixture DB, shared by a test collection.
/// Tests that need their own server (another token header, a server to kill) use <see cref="StartAsync"/>.
/// </summary>
public sealed class TrivyServerFixture : IAsyncLifetime
{
    private TrivyServerInstance? _server;

    public TrivyServerInstance Server => _server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public Uri BaseUrl => Server.BaseUrl;

    public string Token => Server.Token;

    public string TokenHeader => Server.TokenHeader;

    public string CacheDir => Server.CacheDir;

    public static Task<TrivyServerInstance> StartAsync(TrivyServerOptions options, CancellationToken cancellationToken = default) =>
        TrivyServerInstance.StartAsync(options, cancellationToken);

    public Task StopAsync() => Server.StopAsync();

    public Task RestartAsync(CancellationToken cancellationToken = default) => Server.RestartAsync(cancellationToken);

    public HttpClient CreateHttpClient() => Server.CreateHttpClient();

    /// <summary>Runs the Trivy binary with these arguments, e.g. as a client of this server.</summary>
    public Task<ProcessResult> RunTrivyClientAsync(params string[] arguments) => TrivyCli.RunAsync(arguments);

    /// <summary><c>trivy sbom --server … --format json FILE</c> against this server.</summary>
    public Task<ProcessResult> ScanSbomWithTrivyClientAsync(string sbomFile) => Server.ScanSbomWithTrivyClientAsync(sbomFile);

    /// <summary><c>trivy rootfs DIR --format cyclonedx --output FILE</c>, offline, with the fixture DB.</summary>
    public Task<ProcessResult> TrivyRootfsSbomAsync(string rootfsDir, string outputFile) => TrivyCli.RootfsSbomAsync(rootfsDir, outputFile);

    public async Task InitializeAsync() => _server = await TrivyServerInstance.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
