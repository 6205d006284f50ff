using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Depwatch.Testing.Telemetry;

/// <summary>
/// An OTLP/HTTP collector's trace endpoint on a loopback port: keeps the protobuf body of every export it is sent and
/// answers as a collector does (200, an empty <c>ExportTraceServiceResponse</c>).
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> _exports = new();
    private WebApplication? _app;

    /// <summary>Where exports are sent: the collector's <c>/v1/traces</c>.</summary>
    public Uri TracesUrl { get; private set; } = null!;

    public IReadOnlyCollection<byte[]> Exports => _exports;

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var receiver = new OtlpTraceReceiver();
        var (app, baseUrl) = await LoopbackApp.StartAsync(receiver.ReceiveAsync).ConfigureAwait(false);
        receiver._app = app;
        receiver.TracesUrl = new Uri(baseUrl, "v1/traces");
        return receiver;
    }

    /// <summary>Whether some export holds spans of this trace: its 16-byte ID appears in the protobuf as it is.</summary>
    public bool Received(byte[] traceId) => _exports.Any(body => body.AsSpan().IndexOf(traceId) >= 0);

    private async Task ReceiveAsync(HttpContext context)
    {
        if (context.Request.Method != HttpMethods.Post || context.Request.Path != "/v1/traces")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
        _exports.Enqueue(body.ToArray());
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
