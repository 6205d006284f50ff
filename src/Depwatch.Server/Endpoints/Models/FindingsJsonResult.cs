using System.Globalization;
using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;
using Microsoft.Net.Http.Headers;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Findings in Dependency-Track's finding shape, written with the writer <c>depwatch scan</c> uses, so both give the
/// same JSON for the same findings. The answer is serialised once and kept by <see cref="FindingsCache"/>; it is sent
/// gzip-compressed to clients that accept it, and a client that sends back the entity tag it holds gets 304.
/// </summary>
internal sealed class FindingsJsonResult(FindingsAnswer answer) : IResult, IStatusCodeHttpResult
{
    // Written a slice at a time so that each response holds at most about this much in Kestrel's output buffers,
    // however many clients read a large answer at once.
    private const int SliceBytes = 256 * 1024;

    public int? StatusCode => StatusCodes.Status200OK;

    public static byte[] Serialize(IReadOnlyList<(Finding Finding, StoredFinding Stored)> findings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (finding, stored) in findings)
            {
                FindingJson.Write(json, finding, stored);
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var gzip = AcceptsGzip(request);
        var etag = gzip ? answer.GzipETag : answer.ETag;
        // The answer depends on Accept too: a client that names SARIF gets SARIF.
        response.Headers.Vary = $"{HeaderNames.Accept}, {HeaderNames.AcceptEncoding}";
        response.Headers.CacheControl = "private, no-cache";
        response.Headers.ETag = etag;
        response.Headers["X-Total-Count"] = answer.Count.ToString(CultureInfo.InvariantCulture);
        if (Holds(request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var body = gzip ? answer.Gzip : answer.Json;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }
        response.ContentLength = body.Length;
        for (var offset = 0; offset < body.Length; offset += SliceBytes)
        {
            await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(SliceBytes, body.Length - offset)), httpContext.RequestAborted);
        }
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        var acceptable = request.GetTypedHeaders().AcceptEncoding;
        var gzip = acceptable.FirstOrDefault(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            ?? acceptable.FirstOrDefault(e => e.Value.Equals("*", StringComparison.Ordinal));
        return gzip is not null && (gzip.Quality ?? 1) > 0;
    }

    /// <summary>Whether the client already holds the representation it is about to be sent.</summary>
    private static bool Holds(HttpRequest request, string etag) =>
        request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag == etag);
}
