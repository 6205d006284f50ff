using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Sboms;

namespace Depwatch.Server.Tests.Compatibility;

/// <summary>Request bodies as Dependency-Track's clients write them: booleans and numbers as strings, fields Depwatch does not know.</summary>
public abstract class TolerantInputTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task An_upload_with_booleans_as_strings_and_unknown_fields_is_accepted_as_cdxgen_sends_it()
    {
        var bom = new BomBuilder("1.5").WithComponent("lodash", "4.17.20", purl: "pkg:npm/lodash@4.17.20").ToJson();

        var response = await _client.PutAsync("/api/v1/bom", Json($$"""
            {"projectName": "cdxgen-app", "projectVersion": "2.0", "autoCreate": "true", "isLatest": "TRUE",
             "parentUUID": null, "projectTags": [], "bom": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(bom))}}",
             "cdxgenOption": {"nested": [1, 2]} }
            """));

        await BomApi.WaitUntilProcessedAsync(_client, await BomApi.TokenAsync(response));
        var project = await BomApi.ProjectAsync(_app, "cdxgen-app", "2.0");
        Assert.NotNull(project);
        Assert.True(project.IsLatest);
    }

    [Fact]
    public async Task A_false_string_means_false()
    {
        var bom = new BomBuilder("1.5").WithComponent("lodash", "4.17.20", purl: "pkg:npm/lodash@4.17.20").ToJson();

        var response = await _client.PutAsync("/api/v1/bom", Json($$"""
            {"projectName": "not-created", "projectVersion": "1", "autoCreate": "false", "bom": "{{Convert.ToBase64String(Encoding.UTF8.GetBytes(bom))}}"}
            """));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await BomApi.ProjectAsync(_app, "not-created", "1"));
    }

    [Fact]
    public async Task A_string_that_is_no_boolean_is_refused_naming_the_field()
    {
        var response = await _client.PutAsync("/api/v1/bom", Json("""{"projectName": "x", "projectVersion": "1", "autoCreate": "yes", "bom": "e30="}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains("$.autoCreate", detail);
        Assert.Contains("true or false", detail);
    }

    [Fact]
    public async Task A_project_is_created_and_changed_with_booleans_as_strings()
    {
        var created = await _client.PutAsync("/api/v1/project", Json("""{"name": "svc", "version": "1", "active": "true", "isLatest": "true", "unknown": 7}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var uuid = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;

        var patched = await _client.PatchAsync($"/api/v1/project/{uuid}", Json("""{"active": "false"}"""));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var project = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{uuid}");
        Assert.False((bool)project!["active"]!);
        Assert.True((bool)project["isLatest"]!);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class TolerantInputOnSqlite() : TolerantInputTests(StorageKind.Sqlite);

public sealed class TolerantInputOnPostgres() : TolerantInputTests(StorageKind.Postgres);
