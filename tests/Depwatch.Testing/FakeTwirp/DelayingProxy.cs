using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Depwatch.Testing.FakeTwirp;

/// <summary>
/// An HTTP proxy on a loopback port in front of a real server that holds back the requests a test picks (e.g. Trivy's
/// Scan) before passing them on: for slow answers a real server cannot be made to give on demand.
/// </summary>
public sealed class DelayingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive" };

    private readonly HttpClient _target;
    private readonly ConcurrentQueue<string> _paths = new();
    private WebApplication _app = null!;

    private DelayingProxy(Uri target) => _target = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(5) };

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The paths requested so far, in order.</summary>
    public IReadOnlyList<string> Paths => [.. _paths];

    /// <param name="delayFor">How long to hold back a request for this path before passing it on.</param>
    public static async Task<DelayingProxy> StartAsync(Uri target, Func<string, TimeSpan> delayFor)
    {
        var proxy = new DelayingProxy(target);
        (proxy._app, proxy.BaseUrl) = await LoopbackApp.StartAsync(async context =>
        {
            var path = context.Request.Path.Value ?? "";
            proxy._paths.Enqueue(path);
            await Task.Delay(delayFor(path)).ConfigureAwait(false);
            await proxy.ForwardAsync(context).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _target.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString)
        {
            Content = new StreamContent(context.Request.Body),
        };
        foreach (var (name, values) in context.Request.Headers.Where(h => !s_hopByHop.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        using var response = await _target.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !s_hopByHop.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
