using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Data;
using Depwatch.Server.Tests.Configuration;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Teams;

public abstract class ApiKeyLifecycleTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _admin = null!;

    [Fact]
    public async Task A_key_is_shown_once_works_with_its_teams_permissions_and_stops_working_when_revoked()
    {
        var team = await _admin.PutAsJsonAsync("/api/v1/team", new { name = "CI pipelines" });
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        var teamUuid = (string)(await team.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/v1/permission/BOM_UPLOAD/team/{teamUuid}", null)).StatusCode);

        var created = await _admin.PutAsync($"/api/v1/team/{teamUuid}/key", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var apiKey = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = (string)apiKey["key"]!;
        var publicId = (string)apiKey["publicId"]!;
        Assert.Matches("^dwk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$", key);
        Assert.Equal($"dwk_{publicId}" + new string('*', 32), (string?)apiKey["maskedKey"]);
        Assert.False((bool)apiKey["legacy"]!);

        var ci = _app.CreateClient(key);
        var self = await ci.GetFromJsonAsync<JsonObject>("/api/v1/team/self");
        Assert.Equal(("CI pipelines", teamUuid), ((string?)self!["name"], (string?)self["uuid"]));
        Assert.Equal(["BOM_UPLOAD"], self["permissions"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await ci.GetAsync("/api/v1/configProperty")).StatusCode);

        var listing = await _admin.GetStringAsync("/api/v1/team");
        Assert.DoesNotContain(key, listing);
        Assert.DoesNotContain(key[^32..], listing);
        Assert.Contains(publicId, listing);
        Assert.False(await ConfigPropertyDatabase.ContainsAnywhereAsync(_app, key[^32..]), "the key's secret is stored only as a hash");

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/team/key/{publicId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync("/api/v1/team/self")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync("/api/v1/configProperty")).StatusCode);
        var again = await _admin.DeleteAsync($"/api/v1/team/key/{publicId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("The API key could not be found.", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_can_be_revoked_by_giving_the_whole_key()
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/team/key/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(key).GetAsync("/api/v1/team/self")).StatusCode);
    }

    [Fact]
    public async Task Permission_changes_apply_to_existing_keys_at_once()
    {
        var (teamUuid, key) = await TeamKeys.CreateAsync(_app, "BOM_UPLOAD");
        var client = _app.CreateClient(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/configProperty")).StatusCode);

        var granted = await _admin.PostAsync($"/api/v1/permission/SYSTEM_CONFIGURATION/team/{teamUuid}", null);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(["BOM_UPLOAD", "SYSTEM_CONFIGURATION"],
            (await granted.Content.ReadFromJsonAsync<JsonObject>())!["permissions"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/configProperty")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.DeleteAsync($"/api/v1/permission/SYSTEM_CONFIGURATION/team/{teamUuid}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/configProperty")).StatusCode);
    }

    [Fact]
    public async Task Granting_a_held_permission_or_revoking_a_missing_one_answers_304()
    {
        var (teamUuid, _) = await TeamKeys.CreateAsync(_app, "BOM_UPLOAD");

        Assert.Equal(HttpStatusCode.NotModified, (await _admin.PostAsync($"/api/v1/permission/BOM_UPLOAD/team/{teamUuid}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await _admin.DeleteAsync($"/api/v1/permission/VIEW_PORTFOLIO/team/{teamUuid}")).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/v1/permission/BOM_UPLOAD/team/8a7f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b", "The team could not be found.")]
    [InlineData("DELETE", "/api/v1/permission/BOM_UPLOAD/team/8a7f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b", "The team could not be found.")]
    [InlineData("PUT", "/api/v1/team/8a7f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b/key", "The team could not be found.")]
    [InlineData("DELETE", "/api/v1/team/key/Nonesuch", "The API key could not be found.")]
    [InlineData("POST", "/api/v1/team/key/Nonesuch", "The API key could not be found.")]
    [InlineData("POST", "/api/v1/team/key/Nonesuch/comment", "The API key could not be found.")]
    [InlineData("GET", "/api/v1/team/8a7f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b", "The team could not be found.")]
    public async Task Unknown_teams_and_keys_are_not_found(string method, string path, string text)
    {
        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("TAG_MANAGEMENT")]
    [InlineData("bom_upload")]
    public async Task Permissions_Depwatch_does_not_have_are_not_found(string permission)
    {
        var (teamUuid, _) = await TeamKeys.CreateAsync(_app);

        var response = await _admin.PostAsync($"/api/v1/permission/{permission}/team/{teamUuid}", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The permission could not be found.", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/team/not-a-uuid/key")]
    [InlineData("POST", "/api/v1/permission/BOM_UPLOAD/team/8A7F3C1E-2B4D-4E6F-9A0B-1C2D3E4F5A6B")]
    public async Task Malformed_team_uuids_are_refused_with_the_validation_array(string method, string path)
    {
        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid UUID", (string?)(await response.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["message"]);
    }

    [Fact]
    public async Task Team_names_must_be_present_and_unique()
    {
        var blank = await _admin.PutAsJsonAsync("/api/v1/team", new { name = "  " });
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsJsonAsync("/api/v1/team", new { name = "Security" })).StatusCode);
        var duplicate = await _admin.PutAsJsonAsync("/api/v1/team", new { name = "Security" });

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal("name", (string?)(await blank.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["path"]);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("A team with the specified name already exists.", await duplicate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Teams_are_listed_with_their_keys_and_a_total_count()
    {
        var (teamUuid, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO", "BOM_UPLOAD");

        var response = await _admin.GetAsync("/api/v1/team");

        Assert.Equal("2", response.Headers.GetValues("X-Total-Count").Single());
        var teams = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        var team = teams.Single(t => (string?)t!["uuid"] == teamUuid)!;
        Assert.Equal(["BOM_UPLOAD", "VIEW_PORTFOLIO"], team["permissions"]!.AsArray().Select(p => (string?)p!["name"]));
        var listedKey = team["apiKeys"]!.AsArray().Single()!.AsObject();
        Assert.Equal(key[4..12], (string?)listedKey["publicId"]);
        Assert.False(listedKey.ContainsKey("key"));
        Assert.True((long)listedKey["created"]! > 1_700_000_000_000);
        var administrators = teams.Single(t => (string?)t!["name"] == "Administrators")!;
        Assert.Equal(12, administrators["permissions"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_permission_list_describes_every_permission()
    {
        var permissions = await _admin.GetFromJsonAsync<JsonArray>("/api/v1/permission");

        Assert.Equal(
            ["ACCESS_MANAGEMENT", "BOM_UPLOAD", "POLICY_MANAGEMENT", "POLICY_VIOLATION_ANALYSIS", "PORTFOLIO_MANAGEMENT", "PROJECT_CREATION_UPLOAD",
             "SYSTEM_CONFIGURATION", "VIEW_BADGES", "VIEW_POLICY_VIOLATION", "VIEW_PORTFOLIO", "VIEW_VULNERABILITY", "VULNERABILITY_ANALYSIS"],
            permissions!.Select(p => (string?)p!["name"]));
        Assert.All(permissions!, p => Assert.False(string.IsNullOrWhiteSpace((string?)p!["description"])));
    }

    [Fact]
    public async Task The_last_key_able_to_manage_access_cannot_be_revoked_or_disarmed()
    {
        var administrators = await AdministratorsUuidAsync();

        var revokeKey = await _admin.DeleteAsync($"/api/v1/team/key/{DepwatchApplication.AdminKey}");
        var revokePermission = await _admin.DeleteAsync($"/api/v1/permission/ACCESS_MANAGEMENT/team/{administrators}");

        Assert.Equal(HttpStatusCode.Conflict, revokeKey.StatusCode);
        Assert.Contains("ACCESS_MANAGEMENT", await revokeKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, revokePermission.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/team")).StatusCode);

        var (_, successor) = await TeamKeys.CreateAsync(_app, "ACCESS_MANAGEMENT");
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/team/key/{DepwatchApplication.AdminKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(successor).GetAsync("/api/v1/team")).StatusCode);
    }

    private async Task<string> AdministratorsUuidAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContextAsync();
        return (await db.Teams.SingleAsync(t => t.Name == "Administrators")).Id.ToString();
    }

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage);
        _admin = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class ApiKeyLifecycleOnSqlite() : ApiKeyLifecycleTests(StorageKind.Sqlite);

public sealed class ApiKeyLifecycleOnPostgres() : ApiKeyLifecycleTests(StorageKind.Postgres);
