using Microsoft.AspNetCore.Http;

namespace Depwatch.Testing.FakeTwirp;

/// <summary>A request the fake server received.</summary>
/// <param name="Method">The Twirp service and method without package, e.g. <c>Cache/PutBlob</c>.</param>
public sealed record RecordedRequest(string Path, string Method, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static async Task<RecordedRequest> ReadAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body).ConfigureAwait(false);
        var path = request.Path.Value ?? "";
        var lastDot = path.LastIndexOf('.');
        var method = lastDot >= 0 ? path[(lastDot + 1)..] : path;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(path, method, request.ContentType, headers, body.ToArray());
    }
}
