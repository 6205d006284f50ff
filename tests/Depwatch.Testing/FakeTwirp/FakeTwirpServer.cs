using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;

namespace Depwatch.Testing.FakeTwirp;

/// <summary>
/// A Twirp server on a loopback port whose answers a test scripts, for the failures a real Trivy server
/// cannot be made to produce on demand: error statuses, garbage bodies, dropped connections.
/// </summary>
public sealed class FakeTwirpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication _app = null!;

    private FakeTwirpServer()
    {
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The Twirp methods called so far, e.g. <c>Cache/PutBlob</c>, in order.</summary>
    public IReadOnlyList<string> Calls => [.. _requests.Select(r => r.Method)];

    public static async Task<FakeTwirpServer> StartAsync(Func<RecordedRequest, FakeResponse> respond)
    {
        var server = new FakeTwirpServer();
        (server._app, server.BaseUrl) = await LoopbackApp.StartAsync(async context =>
        {
            var request = await RecordedRequest.ReadAsync(context.Request).ConfigureAwait(false);
            server._requests.Enqueue(request);
            await respond(request).WriteAsync(context).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
