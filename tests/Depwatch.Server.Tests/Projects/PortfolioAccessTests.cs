using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;

namespace Depwatch.Server.Tests.Projects;

/// <summary>
/// Every project, component, finding, vulnerability and metrics endpoint: 401 without a key, 403 for a key
/// lacking its permission, allowed with it, and Dependency-Track's 404 text for an unknown project or vulnerability.
/// </summary>
public abstract class PortfolioAccessTests(StorageKind storage) : IAsyncLifetime
{
    private const string Unknown = "11111111-2222-4333-8444-555555555555";

    private DepwatchApplication _app = null!;
    private string _project = null!;

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/v1/project", "VIEW_PORTFOLIO" },
        { "GET", "/api/v1/project/lookup?name=shop&version=1.0.0", "VIEW_PORTFOLIO" },
        { "GET", "/api/v1/project/{project}", "VIEW_PORTFOLIO" },
        { "PUT", "/api/v1/project", "PORTFOLIO_MANAGEMENT" },
        { "DELETE", "/api/v1/project/{project}", "PORTFOLIO_MANAGEMENT" },
        { "GET", "/api/v1/component/project/{project}", "VIEW_PORTFOLIO" },
        { "GET", "/api/v1/finding/project/{project}", "VIEW_VULNERABILITY" },
        { "POST", "/api/v1/finding/project/{project}/analyze", "VIEW_VULNERABILITY" },
        { "GET", "/api/v1/vulnerability/source/NVD/vuln/CVE-2024-90001", "VIEW_PORTFOLIO" },
        { "GET", "/api/v1/metrics/project/{project}/current", "VIEW_PORTFOLIO" },
        { "GET", "/api/v1/metrics/portfolio/current", "VIEW_PORTFOLIO" },
    };

    public static TheoryData<string, string, string> NotFound => new()
    {
        { "GET", $"/api/v1/project/{Unknown}", "The project could not be found." },
        { "GET", "/api/v1/project/lookup?name=shop&version=9", "The project could not be found." },
        { "DELETE", $"/api/v1/project/{Unknown}", "The UUID of the project could not be found." },
        { "GET", $"/api/v1/component/project/{Unknown}", "The project could not be found." },
        { "GET", $"/api/v1/finding/project/{Unknown}", "The project could not be found." },
        { "POST", $"/api/v1/finding/project/{Unknown}/analyze", "The project could not be found." },
        { "GET", "/api/v1/vulnerability/source/NVD/vuln/CVE-1999-0001", "The vulnerability could not be found." },
        { "GET", "/api/v1/vulnerability/source/GITHUB/vuln/CVE-2024-90001", "The vulnerability could not be found." },
        { "GET", $"/api/v1/metrics/project/{Unknown}/current", "The project could not be found." },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_key_the_answer_is_401(string method, string path, string permission)
    {
        _ = permission;
        var response = await SendAsync(_app.CreateClient(apiKey: null), method, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_key_without_the_permission_gets_403_and_changes_nothing(string method, string path, string permission)
    {
        var others = new[] { "VIEW_PORTFOLIO", "PORTFOLIO_MANAGEMENT", "VIEW_VULNERABILITY", "BOM_UPLOAD" }.Where(p => p != permission).ToArray();
        var (_, key) = await TeamKeys.CreateAsync(_app, others);

        var response = await SendAsync(_app.CreateClient(key), method, path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("shop", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/api/v1/project/{_project}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_key_with_only_the_permission_is_allowed(string method, string path, string permission)
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, permission);

        var response = await SendAsync(_app.CreateClient(key), method, path);

        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [MemberData(nameof(NotFound))]
    public async Task Unknown_projects_and_vulnerabilities_get_dependency_tracks_404_text(string method, string path, string text)
    {
        var response = await SendAsync(_app.CreateClient(), method, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy: null);
        var created = await _app.CreateClient().PutAsJsonAsync("/api/v1/project", new { name = "shop", version = "1.0.0" });
        _project = (await created.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!.GetValue<string>();
        await SeedVulnerabilityAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{project}", _project, StringComparison.Ordinal));
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { name = $"new-{Guid.NewGuid():N}" });
        }
        return client.SendAsync(request);
    }

    // The vulnerability endpoint needs a stored vulnerability; no Trivy server runs in these tests.
    private async Task SeedVulnerabilityAsync()
    {
        await using var db = await PortfolioSeed.ContextAsync(_app);
        db.Vulnerabilities.Add(PortfolioSeed.Vulnerability("NVD", "CVE-2024-90001", "MEDIUM"));
        await db.SaveChangesAsync();
    }
}

public sealed class PortfolioAccessOnSqlite() : PortfolioAccessTests(StorageKind.Sqlite);

public sealed class PortfolioAccessOnPostgres() : PortfolioAccessTests(StorageKind.Postgres);
