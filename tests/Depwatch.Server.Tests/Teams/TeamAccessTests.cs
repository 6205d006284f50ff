using System.Net;
using System.Net.Http.Json;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Teams;

public abstract class TeamAccessTests(StorageKind storage) : IAsyncLifetime
{
    private const string SomeTeam = "8a7f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b";

    private DepwatchApplication _app = null!;

    public static TheoryData<string, string> ManagementEndpoints => new()
    {
        { "GET", "/api/v1/team" },
        { "PUT", "/api/v1/team" },
        { "PUT", $"/api/v1/team/{SomeTeam}/key" },
        { "DELETE", "/api/v1/team/key/AdminKey" },
        { "GET", "/api/v1/permission" },
        { "POST", $"/api/v1/permission/BOM_UPLOAD/team/{SomeTeam}" },
        { "DELETE", $"/api/v1/permission/BOM_UPLOAD/team/{SomeTeam}" },
    };

    [Theory]
    [MemberData(nameof(ManagementEndpoints))]
    public async Task Without_a_key_the_answer_is_401(string method, string path)
    {
        var response = await _app.CreateClient(apiKey: null).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ManagementEndpoints))]
    public async Task Without_access_management_the_answer_is_403_and_nothing_changes(string method, string path)
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, "BOM_UPLOAD", "PORTFOLIO_MANAGEMENT", "SYSTEM_CONFIGURATION");

        var response = await _app.CreateClient(key).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync("/api/v1/team/self")).StatusCode);
    }

    [Fact]
    public async Task Any_valid_key_may_read_its_own_team_but_no_key_may_not()
    {
        var (_, key) = await TeamKeys.CreateAsync(_app);

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(key).GetAsync("/api/v1/team/self")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(apiKey: null).GetAsync("/api/v1/team/self")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await _app.CreateClient("dwk_Unknown1_0123456789abcdefghijABCDEFGHIJ").GetAsync("/api/v1/team/self")).StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "PUT" or "POST" ? JsonContent.Create(new { name = "intruders" }) : null };

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(storage);

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class TeamAccessOnSqlite() : TeamAccessTests(StorageKind.Sqlite);

public sealed class TeamAccessOnPostgres() : TeamAccessTests(StorageKind.Postgres);
