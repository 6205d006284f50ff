using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Depwatch.Testing.TrivyServer;

public sealed record TwirpJsonResponse(HttpStatusCode StatusCode, JsonNode? Body);

/// <summary>Raw JSON Twirp calls (<c>POST /twirp/&lt;service&gt;/&lt;method&gt;</c>), for tests that check the wire itself.</summary>
public sealed class TwirpJsonClient(HttpClient http)
{
    public const string PutBlob = "trivy.cache.v1.Cache/PutBlob";
    public const string DeleteBlobs = "trivy.cache.v1.Cache/DeleteBlobs";
    public const string MissingBlobs = "trivy.cache.v1.Cache/MissingBlobs";
    public const string Scan = "trivy.scanner.v1.Scanner/Scan";

    public async Task<TwirpJsonResponse> PostAsync(string route, JsonNode request, CancellationToken cancellationToken = default)
    {
        using var content = JsonContent.Create(request);
        using var response = await http.PostAsync($"twirp/{route}", content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new TwirpJsonResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Posts and throws, with the server's error body, unless the answer is 200.</summary>
    public async Task<JsonNode> CallAsync(string route, JsonNode request, CancellationToken cancellationToken = default)
    {
        var response = await PostAsync(route, request, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK && response.Body is not null
            ? response.Body
            : throw new HttpRequestException($"{route} answered {(int)response.StatusCode}: {response.Body?.ToJsonString()}");
    }
}
