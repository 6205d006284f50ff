using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Teams;

/// <summary>Renaming and deleting teams, regenerating and commenting keys, and the visible-teams list, on Dependency-Track's paths.</summary>
public abstract class TeamAdministrationTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _admin = null!;

    [Fact]
    public async Task A_team_is_read_and_renamed_by_its_uuid_and_keeps_its_keys()
    {
        var (teamUuid, key) = await TeamKeys.CreateAsync(_app, "BOM_UPLOAD");
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsJsonAsync("/api/v1/team", new { name = "Taken" })).StatusCode);

        var renamed = await _admin.PostAsJsonAsync("/api/v1/team", new { uuid = teamUuid, name = " Release pipelines " });
        var clash = await _admin.PostAsJsonAsync("/api/v1/team", new { uuid = teamUuid, name = "Taken" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Release pipelines", (string?)(await renamed.Content.ReadFromJsonAsync<JsonObject>())!["name"]);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("A team with the specified name already exists.", await clash.Content.ReadAsStringAsync());
        var team = await _admin.GetFromJsonAsync<JsonObject>($"/api/v1/team/{teamUuid}");
        Assert.Equal("Release pipelines", (string?)team!["name"]);
        Assert.Equal(key[4..12], (string?)team["apiKeys"]!.AsArray().Single()!["publicId"]);
        Assert.Equal("Release pipelines", (string?)(await _app.CreateClient(key).GetFromJsonAsync<JsonObject>("/api/v1/team/self"))!["name"]);
    }

    [Fact]
    public async Task Deleting_a_team_revokes_its_keys()
    {
        var (teamUuid, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(key).GetAsync("/api/v1/project")).StatusCode);

        var deleted = await _admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/team") { Content = JsonContent.Create(new { uuid = teamUuid }) });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(key).GetAsync("/api/v1/project")).StatusCode);
        var again = await _admin.GetAsync($"/api/v1/team/{teamUuid}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("The team could not be found.", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_team_holding_the_last_access_managing_key_cannot_be_deleted()
    {
        var administrators = (string)(await _admin.GetFromJsonAsync<JsonArray>("/api/v1/team"))!
            .Single(t => (string?)t!["name"] == "Administrators")!["uuid"]!;

        var refused = await _admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/team") { Content = JsonContent.Create(new { uuid = administrators }) });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("ACCESS_MANAGEMENT", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/team")).StatusCode);
    }

    [Fact]
    public async Task A_regenerated_key_keeps_its_public_id_and_comment_and_only_the_new_secret_works()
    {
        var (_, oldKey) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");
        var publicId = oldKey[4..12];
        var commented = await _admin.PostAsync($"/api/v1/team/key/{publicId}/comment", new StringContent("Jenkins, release job", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, commented.StatusCode);
        Assert.Equal("Jenkins, release job", (string?)(await commented.Content.ReadFromJsonAsync<JsonObject>())!["comment"]);

        var regenerated = await _admin.PostAsync($"/api/v1/team/key/{publicId}", null);

        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        var body = (await regenerated.Content.ReadFromJsonAsync<JsonObject>())!;
        var newKey = (string)body["key"]!;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(publicId, (string?)body["publicId"]);
        Assert.Equal("Jenkins, release job", (string?)body["comment"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(oldKey).GetAsync("/api/v1/project")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(newKey).GetAsync("/api/v1/project")).StatusCode);
        Assert.DoesNotContain(newKey[^32..], await _admin.GetStringAsync("/api/v1/team"));
    }

    [Fact]
    public async Task A_key_is_regenerated_or_commented_by_giving_the_whole_key_too()
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");

        var commented = await _admin.PostAsync($"/api/v1/team/key/{key}/comment", new StringContent("", Encoding.UTF8, "text/plain"));
        var regenerated = await _admin.PostAsync($"/api/v1/team/key/{key}", null);

        Assert.Equal(HttpStatusCode.OK, commented.StatusCode);
        Assert.False((await commented.Content.ReadFromJsonAsync<JsonObject>())!.ContainsKey("comment"));
        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(key).GetAsync("/api/v1/project")).StatusCode);
    }

    [Fact]
    public async Task A_key_an_operator_chose_becomes_a_generated_one_when_regenerated()
    {
        var regenerated = await _admin.PostAsync($"/api/v1/team/key/{DepwatchApplication.AdminKey}", null);

        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        var newKey = (string)(await regenerated.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        Assert.Matches("^dwk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$", newKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _admin.GetAsync("/api/v1/team")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(newKey).GetAsync("/api/v1/team")).StatusCode);
    }

    [Fact]
    public async Task Renaming_or_deleting_without_a_uuid_is_refused_naming_the_field()
    {
        var rename = await _admin.PostAsJsonAsync("/api/v1/team", new { name = "Nameless" });
        var delete = await _admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/team") { Content = JsonContent.Create(new { name = "x" }) });
        var unknown = await _admin.PostAsJsonAsync("/api/v1/team", new { uuid = Guid.NewGuid(), name = "Nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, rename.StatusCode);
        Assert.Equal("uuid", (string?)(await rename.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["path"]);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_key_sees_only_its_own_team_unless_it_manages_access()
    {
        var (teamUuid, key) = await TeamKeys.CreateAsync(_app, "BOM_UPLOAD");

        var own = await _app.CreateClient(key).GetFromJsonAsync<JsonArray>("/api/v1/team/visible");
        var all = await _admin.GetFromJsonAsync<JsonArray>("/api/v1/team/visible");

        Assert.Equal([teamUuid], own!.Select(t => (string?)t!["uuid"]));
        Assert.Equal(2, all!.Count);
        Assert.Contains("Administrators", all.Select(t => (string?)t!["name"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient(key).PostAsync($"/api/v1/team/key/{key[4..12]}", null)).StatusCode);
    }

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage);
        _admin = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class TeamAdministrationOnSqlite() : TeamAdministrationTests(StorageKind.Sqlite);

public sealed class TeamAdministrationOnPostgres() : TeamAdministrationTests(StorageKind.Postgres);
