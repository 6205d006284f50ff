using System.Net;
using Depwatch.Server.Tests.Support;

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

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(storage);

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class AuthenticationOnSqlite() : AuthenticationTests(StorageKind.Sqlite);

public sealed class AuthenticationOnPostgres() : AuthenticationTests(StorageKind.Postgres);
