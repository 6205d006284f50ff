using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Depwatch.Testing.PackageIndexes;

/// <summary>
/// A distribution mirror on a loopback port, serving a folder laid out as the mirrors are (by default
/// <see cref="PackageIndexFixtures.Root"/>) with entity tags and conditional GETs, and the faults a test asks for:
/// files cut short, files missing, a mirror that stops answering.
/// </summary>
public sealed class MirrorServer : IAsyncDisposable
{
    private static readonly DateTimeOffset s_published = new(2024, 1, 11, 19, 6, 0, TimeSpan.Zero);

    private readonly string _root;
    private readonly ConcurrentQueue<MirrorRequest> _requests = new();
    private readonly ConcurrentDictionary<string, byte[]> _replaced = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _cutShort = new(StringComparer.Ordinal);
    private volatile bool _unavailable;

    private WebApplication _app = null!;

    private MirrorServer(string root) => _root = root;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<MirrorRequest> Requests => [.. _requests];

    public static async Task<MirrorServer> StartAsync(string? root = null)
    {
        var server = new MirrorServer(root ?? PackageIndexFixtures.Root);
        (server._app, server.BaseUrl) = await LoopbackApp.StartAsync(server.ServeAsync).ConfigureAwait(false);
        return server;
    }

    /// <summary>The URL of a file below the mirror's root, e.g. <c>debian/dists/…/Packages.xz</c>.</summary>
    public Uri UrlOf(string relative) => new(BaseUrl, relative);

    /// <summary>Serves <paramref name="relative"/> cut to half its length from now on, with a matching Content-Length.</summary>
    public void CutShort(string relative) => _cutShort[relative] = 2;

    /// <summary>Serves other bytes for <paramref name="relative"/> from now on, as a mirror does after an update.</summary>
    public void Publish(string relative, byte[] content) => _replaced[relative] = content;

    /// <summary>While true, every request gets 503, as from a mirror in maintenance.</summary>
    public bool Unavailable
    {
        get => _unavailable;
        set => _unavailable = value;
    }

    public int CountOf(string relative, int status) => _requests.Count(r => r.Path == relative && r.Status == status);

    private async Task ServeAsync(HttpContext context)
    {
        var relative = context.Request.Path.Value!.TrimStart('/');
        var status = Respond(context, relative, out var body);
        _requests.Enqueue(new MirrorRequest(relative, status, context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.Authorization.ToString()));
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
        }
    }

    private int Respond(HttpContext context, string relative, out byte[]? body)
    {
        body = null;
        if (_unavailable)
        {
            return StatusCodes.Status503ServiceUnavailable;
        }
        var content = _replaced.TryGetValue(relative, out var replaced) ? replaced : Read(relative);
        if (content is null)
        {
            return StatusCodes.Status404NotFound;
        }
        var tag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
        context.Response.Headers.ETag = tag;
        context.Response.Headers.LastModified = (replaced is null ? s_published : s_published.AddDays(1)).ToString("R");
        if (context.Request.Headers.IfNoneMatch.ToString() == tag)
        {
            return StatusCodes.Status304NotModified;
        }
        body = _cutShort.TryGetValue(relative, out var divisor) ? content[..(content.Length / divisor)] : content;
        return StatusCodes.Status200OK;
    }

    private byte[]? Read(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(_root, relative));
        return path.StartsWith(Path.GetFullPath(_root), StringComparison.Ordinal) && File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <param name="IfNoneMatch">The entity tag the client sent, empty for an unconditional GET.</param>
/// <param name="Authorization">The Authorization header the client sent, empty for none.</param>
public sealed record MirrorRequest(string Path, int Status, string IfNoneMatch, string Authorization);
