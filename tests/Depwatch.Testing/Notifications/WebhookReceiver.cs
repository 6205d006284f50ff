using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Depwatch.Testing.Notifications;

/// <summary>One request a <see cref="WebhookReceiver"/> accepted.</summary>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real HTTP receiver (Kestrel on a fixed loopback port) standing in for a webhook endpoint, Slack, Teams or
/// Mattermost: it records every POST it accepts. It can be stopped, so that nothing listens on its port, and started again.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly int _port = FreePort.Find();
    private WebApplication? _app;

    private WebhookReceiver()
    {
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{_port}/");

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartAgainAsync().ConfigureAwait(false);
        return receiver;
    }

    public async Task StartAgainAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls(BaseUrl.ToString());
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new ReceivedRequest(context.Request.Path + context.Request.QueryString, headers, body));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
    }

    /// <summary>Stops listening: deliveries fail with a refused connection until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="which"/> have arrived; fails after the timeout.</summary>
    public async Task<List<ReceivedRequest>> WaitForAsync(Func<ReceivedRequest, bool> which, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var matching = _received.Where(which).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{matching.Count} of {count} expected requests arrived; all received: {_received.Count}");
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
