using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Depwatch.Testing.FakeTwirp;

/// <summary>
/// A Twirp server on a loopback port whose answers a test scripts, for the failures a real Trivy server
/// cannot be made to produce on demand: error statuses, garbage bodies, dropped connections.
/// </summary>
public sealed class FakeTwirpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeTwirpServer(WebApplication app, Func<RecordedRequest, FakeResponse> respond)
    {
        _app = app;
        _app.Run(async context =>
        {
            var request = await RecordedRequest.ReadAsync(context.Request).ConfigureAwait(false);
            _requests.Enqueue(request);
            await respond(request).WriteAsync(context).ConfigureAwait(false);
        });
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The Twirp methods called so far, e.g. <c>Cache/PutBlob</c>, in order.</summary>
    public IReadOnlyList<string> Calls => [.. _requests.Select(r => r.Method)];

    public static async Task<FakeTwirpServer> StartAsync(Func<RecordedRequest, FakeResponse> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var server = new FakeTwirpServer(builder.Build(), respond);
        await server._app.StartAsync().ConfigureAwait(false);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
