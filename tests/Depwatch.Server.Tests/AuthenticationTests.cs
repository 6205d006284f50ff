using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Depwatch.Server.Tests;

public abstract class AuthenticationTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;

    [Fact]
    public async Task Requests_without_a_key_are_rejected()
    {
        var response = await _app.CreateClient(apiKey: null).GetAsync("/api/v1/project");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Requests_with_an_unknown_key_are_rejected()
    {
        var response = await _app.CreateClient("dwk_Unknown1_0123456789abcdefghijABCDEFGHIJ").GetAsync("/api/v1/project");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_administrator_key_from_configuration_is_accepted()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(apiKey: null).GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Health_and_version_need_no_key()
    {
        var client = _app.CreateClient(apiKey: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/version")).StatusCode);
    }

    [Fact]
    public async Task The_server_identifies_itself_as_Dependency_Track_clients_expect_and_names_itself_beside()
    {
        var anonymous = await _app.CreateClient(apiKey: null).GetAsync("/api/version");
        var projects = await _app.CreateClient().GetAsync("/api/v1/project");

        var version = (await anonymous.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Dependency-Track", (string?)version["application"]);
        Assert.True(Version.Parse((string)version["version"]!) >= new Version(4, 12), "clients enable their features from API level 4.12 on");
        Assert.Equal("Depwatch", (string?)version["depwatch"]!["name"]);
        Assert.False(string.IsNullOrEmpty((string?)version["depwatch"]!["version"]));
        Assert.Equal($"Dependency-Track v{version["version"]}", projects.Headers.GetValues("X-Powered-By").Single());
        Assert.Equal($"Dependency-Track v{version["version"]}", anonymous.Headers.GetValues("X-Powered-By").Single());
    }

    [Fact]
    public async Task A_request_without_a_key_is_told_to_send_one_in_the_X_Api_Key_header()
    {
        var response = await _app.CreateClient(apiKey: null).GetAsync("/api/v1/project");

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("API key required", problem["title"]!.GetValue<string>());
        Assert.Equal(
            "The request has no X-Api-Key header. Send an API key in it; an administrator creates keys for a team with "
            + "PUT /api/v1/team/{uuid}/key.",
            problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("dwk_Unknown1_0123456789abcdefghijABCDEFGHIJ")]
    [InlineData("dwk_AdminKey_0123456789abcdefghijWRONGSECRET")]
    [InlineData("not-even-shaped-like-a-key")]
    public async Task A_key_that_is_not_valid_is_called_so_and_never_repeated(string key)
    {
        var response = await _app.CreateClient(key).GetAsync("/api/v1/event/token/" + Guid.NewGuid());

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid API key", problem["title"]!.GetValue<string>());
        Assert.Equal(
            "The key in the X-Api-Key header is not a valid API key: no such key exists, or it was revoked. "
            + "Check that the whole key was sent, or ask an administrator for a current one.",
            problem["detail"]!.GetValue<string>());
        var body = problem.ToJsonString();
        Assert.DoesNotContain(key, body);
        Assert.DoesNotContain(key[4..12], body);
    }

    [Fact]
    public async Task A_key_without_the_permission_is_told_which_one_its_team_lacks()
    {
        var (team, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");
        var teamName = (await _app.CreateClient(key).GetFromJsonAsync<JsonObject>("/api/v1/team/self"))!["name"]!.GetValue<string>();

        var response = await _app.CreateClient(key).GetAsync($"/api/v1/finding/project/{Guid.NewGuid()}");

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Permission required", problem["title"]!.GetValue<string>());
        Assert.Equal(
            $"This endpoint requires the VIEW_VULNERABILITY permission, which the team of this API key ({teamName}) does not have. "
            + $"An administrator can grant it with POST /api/v1/permission/VIEW_VULNERABILITY/team/{team}.",
            problem["detail"]!.GetValue<string>());
        var bomToken = await ProblemAsync(await _app.CreateClient(key).GetAsync($"/api/v1/bom/token/{Guid.NewGuid()}"), HttpStatusCode.Forbidden);
        Assert.StartsWith("This endpoint requires the BOM_UPLOAD permission,", bomToken["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Web_pages_still_send_people_who_are_not_signed_in_to_the_sign_in_page()
    {
        using var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.GetAsync("/admin/analyzers/trivy");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(storage);

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class AuthenticationOnSqlite() : AuthenticationTests(StorageKind.Sqlite);

public sealed class AuthenticationOnPostgres() : AuthenticationTests(StorageKind.Postgres);
