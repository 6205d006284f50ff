using System.Net;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Search;

/// <summary>
/// Dependency-Track's search on its paths: one query over projects, components and vulnerabilities, or over one
/// kind, answered as <c>{"results": {"project": […], …}}</c>.
/// </summary>
public abstract class SearchTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task One_query_finds_the_project_the_component_and_the_vulnerability_with_that_name()
    {
        var shop = await UploadAsync("Web-Shop", "2.0", ("lodash", "4.17.4"));
        await UploadAsync("billing", "1.0", ("minimist", "1.2.5"));

        var lodash = await SearchAsync("/api/v1/search?query=LODASH");
        var shopOnly = await SearchAsync("/api/v1/search?query=web-sh");
        var byDescription = await SearchAsync("/api/v1/search?query=zipObjectDeep");

        var component = Assert.Single(lodash["component"]!.AsArray())!;
        Assert.Equal("lodash", (string?)component["name"]);
        Assert.Equal("4.17.4", (string?)component["version"]);
        Assert.Equal("pkg:npm/lodash@4.17.4", (string?)component["purl"]);
        Assert.Equal(shop, (string?)component["project"]!["uuid"]);
        Assert.Empty(lodash["project"]!.AsArray());
        Assert.Empty(lodash["license"]!.AsArray());
        var project = Assert.Single(shopOnly["project"]!.AsArray())!;
        Assert.Equal(shop, (string?)project["uuid"]);
        Assert.Equal("Web-Shop", (string?)project["name"]);
        Assert.Equal("2.0", (string?)project["version"]);
        Assert.Empty(shopOnly["component"]!.AsArray());
        Assert.Equal(["CVE-2025-90101"], byDescription["vulnerability"]!.AsArray().Select(v => (string?)v!["vulnId"]));
        Assert.Equal("NVD", (string?)byDescription["vulnerability"]![0]!["source"]);
    }

    [Fact]
    public async Task A_search_of_one_kind_answers_that_kind_alone()
    {
        await UploadAsync("lodash-consumer", "1", ("lodash", "4.17.4"));

        var projects = await SearchAsync("/api/v1/search/project?query=lodash");
        var components = await SearchAsync("/api/v1/search/component?query=lodash");
        var vulnerabilities = await SearchAsync("/api/v1/search/vulnerability?query=GHSA-r4q8");
        var services = await SearchAsync("/api/v1/search/service?query=lodash");

        Assert.Equal(["project"], projects.Select(p => p.Key));
        Assert.Equal("lodash-consumer", (string?)Assert.Single(projects["project"]!.AsArray())!["name"]);
        Assert.Equal(["component"], components.Select(p => p.Key));
        Assert.Single(components["component"]!.AsArray());
        Assert.Equal(["vulnerability"], vulnerabilities.Select(p => p.Key));
        Assert.Equal("GHSA-r4q8-vxc6-wjf5", (string?)Assert.Single(vulnerabilities["vulnerability"]!.AsArray())!["vulnId"]);
        Assert.Equal(["servicecomponent"], services.Select(p => p.Key));
    }

    [Theory]
    [InlineData("/api/v1/search")]
    [InlineData("/api/v1/search?query=%20")]
    [InlineData("/api/v1/search/component?query=a%07b")]
    public async Task A_blank_or_unprintable_query_is_refused_naming_it(string path)
    {
        using var response = await _client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("query", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_needs_VIEW_PORTFOLIO()
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, "VIEW_VULNERABILITY");
        using var viewer = _app.CreateClient(key);
        using var anonymous = _app.CreateClient(apiKey: null);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/search?query=x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/search/project?query=x")).StatusCode);
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> UploadAsync(string name, string version, params (string Name, string Version)[] packages) =>
        (string)(await _client.UploadAndWaitAsync(name, version, TestBoms.Npm(packages)))["uuid"]!;

    private async Task<JsonObject> SearchAsync(string path)
    {
        using var response = await _client.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["results"]!.AsObject();
    }
}

[Collection(TrivyCollection.Name)]
public sealed class SearchOnSqlite(TrivyServerFixture trivy) : SearchTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class SearchOnPostgres(TrivyServerFixture trivy) : SearchTests(StorageKind.Postgres, trivy);
