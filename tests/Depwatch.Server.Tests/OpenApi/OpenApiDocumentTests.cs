using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing;

namespace Depwatch.Server.Tests.OpenApi;

/// <summary>
/// The committed OpenAPI document (docs/openapi.json) is the API as it is served, so every API
/// change shows in review. After an intended change, run this test with UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class OpenApiDocumentTests
{
    // Golden files live in testdata/golden/; this one is documentation, kept with the docs.
    private static readonly string s_committedDocument = Path.Combine("..", "..", "docs", "openapi.json");

    private static readonly JsonSerializerOptions s_readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_committed_document_matches_the_one_the_server_serves()
    {
        // The document does not depend on the database, so one storage is enough.
        await using var app = await DepwatchApplication.StartAsync(StorageKind.Sqlite);

        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        // The server list names whatever host answered (the test host here), not part of the API.
        document.Remove("servers");
        Golden.AssertMatches(document.ToJsonString(s_readable) + "\n", s_committedDocument);
    }

    [Fact]
    public async Task Every_operation_but_the_anonymous_ones_requires_the_X_Api_Key_header()
    {
        await using var app = await DepwatchApplication.StartAsync(StorageKind.Sqlite);

        var document = (await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", scheme["name"]!.GetValue<string>());
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Operation: operation.Value!)))
            .ToList();
        string[] anonymous = ["/health/live", "/health/ready", "/api/version"];
        Assert.Equal(anonymous.Order(), operations.Where(o => o.Operation["security"] is null).Select(o => o.Path).Order());
        Assert.All(operations.Where(o => !anonymous.Contains(o.Path)), o =>
            Assert.Equal("""[{"ApiKey":[]}]""", o.Operation["security"]!.ToJsonString()));
        Assert.Contains(operations, o => o.Path == "/api/v1/finding/project/{uuid}");
    }
}
