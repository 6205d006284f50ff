using System.Net;
using System.Net.Http.Json;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;

namespace Depwatch.Server.Tests.Configuration;

public abstract class ConfigPropertyAccessTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/v1/configProperty" },
        { "POST", "/api/v1/configProperty" },
        { "POST", "/api/v1/configProperty/aggregate" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_key_the_answer_is_401(string method, string path)
    {
        var response = await _app.CreateClient(apiKey: null).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_system_configuration_the_answer_is_403_and_nothing_changes(string method, string path)
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, "BOM_UPLOAD", "VIEW_PORTFOLIO", "ACCESS_MANAGEMENT");

        var response = await _app.CreateClient(key).SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("false", await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.enabled"));
    }

    [Fact]
    public async Task A_key_with_only_bom_upload_may_not_read_the_settings()
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, "BOM_UPLOAD");

        var response = await _app.CreateClient(key).GetAsync("/api/v1/configProperty");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("trivy", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Request(string method, string path)
    {
        var change = new { groupName = "scanner", propertyName = "trivy.enabled", propertyValue = "true" };
        return new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : path.EndsWith("aggregate", StringComparison.Ordinal) ? JsonContent.Create(new[] { change }) : JsonContent.Create(change),
        };
    }

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(storage);

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class ConfigPropertyAccessOnSqlite() : ConfigPropertyAccessTests(StorageKind.Sqlite);

public sealed class ConfigPropertyAccessOnPostgres() : ConfigPropertyAccessTests(StorageKind.Postgres);
