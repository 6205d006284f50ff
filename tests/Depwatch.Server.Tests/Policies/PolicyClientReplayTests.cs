using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Policies;

/// <summary>
/// The violation calls of Dependency-Track clients (docs: dt-clients.md), replayed against the real server process
/// with keys holding only what each client is configured with: every field each one reads is there, with its type.
/// </summary>
public abstract class PolicyClientReplayTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private const string AdminKey = "dwk_Replay01_0123456789abcdefghijABCDEFGHIJKL";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    private ServerProcessStorage _storage = null!;
    private DepwatchServerProcess _server = null!;
    private HttpClient _admin = null!;

    [Fact]
    public async Task Jenkins_threshold_check_and_maven_policy_goal_read_the_projects_violations()
    {
        var project = await ProjectWithViolationsAsync();
        using var jenkins = await ClientAsync("VIEW_PORTFOLIO", "VIEW_VULNERABILITY", "VIEW_POLICY_VIOLATION", "BOM_UPLOAD");

        using var version = await jenkins.GetAsync("api/version");
        Assert.StartsWith("Dependency-Track v4.1", version.Headers.GetValues("X-Powered-By").Single(), StringComparison.Ordinal);
        var violations = await GetArrayAsync(jenkins, $"api/v1/violation/project/{project}");

        Assert.Equal(2, violations.Count);
        foreach (var violation in violations)
        {
            // Jenkins: uuid, type, policyCondition.policy.{name, violationState}, component.{uuid, name, version, group, purl}.
            // Maven: the same, failing the build on violationState FAIL.
            AssertString(violation, "uuid", "type");
            AssertString(violation!["policyCondition"]!["policy"], "uuid", "name", "violationState");
            AssertString(violation["component"], "uuid", "name", "version", "purl");
        }
        Assert.Contains(violations, v => (string?)v!["policyCondition"]!["policy"]!["violationState"] == "FAIL");
    }

    [Fact]
    public async Task DTrackAuditor_counts_violations_by_state_after_finding_the_project()
    {
        var project = await ProjectWithViolationsAsync();
        using var auditor = await ClientAsync("VIEW_PORTFOLIO", "VIEW_VULNERABILITY", "VIEW_POLICY_VIOLATION");

        var projects = await GetArrayAsync(auditor, "api/v1/project");
        var row = projects.Single(p => (string?)p!["uuid"] == project)!;
        Assert.True(row["lastBomImport"]!.GetValue<long>() > 0);
        var states = (await GetArrayAsync(auditor, $"api/v1/violation/project/{project}"))
            .GroupBy(v => (string)v!["policyCondition"]!["policy"]!["violationState"]!).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int> { ["FAIL"] = 1, ["WARN"] = 1 }, states);
    }

    [Fact]
    public async Task The_prometheus_exporter_scrapes_portfolio_metrics_projects_and_every_violation_page()
    {
        await ProjectWithViolationsAsync();
        using var exporter = await ClientAsync("VIEW_PORTFOLIO", "VIEW_POLICY_VIOLATION");

        var portfolio = await exporter.GetFromJsonAsync<JsonObject>("api/v1/metrics/portfolio/current");
        Assert.Equal(2, portfolio!["policyViolationsTotal"]!.GetValue<int>());
        Assert.Equal(1, portfolio["policyViolationsFail"]!.GetValue<int>());
        using var page = await exporter.GetAsync("api/v1/violation?suppressed=true&pageNumber=1&pageSize=1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(2, int.Parse(page.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture));
        var first = (await page.Content.ReadFromJsonAsync<JsonArray>())!;
        var second = await GetArrayAsync(exporter, "api/v1/violation?suppressed=true&pageNumber=2&pageSize=1");
        Assert.NotEqual((string?)first.Single()!["uuid"], (string?)second.Single()!["uuid"]);
        foreach (var violation in first.Concat(second))
        {
            // The exporter labels each violation by project, component, type, state and analysis.
            AssertString(violation!["project"], "uuid", "name", "version");
            AssertString(violation["component"], "uuid", "name", "version");
            AssertString(violation["policyCondition"]!["policy"], "violationState");
            AssertString(violation["analysis"], "analysisState");
            Assert.False(violation["analysis"]!["isSuppressed"]!.GetValue<bool>());
        }
    }

    /// <summary>shop 1.0 (lodash 4.17.4 and minimist 1.2.5) with a FAIL and a WARN violation; its uuid.</summary>
    private async Task<string> ProjectWithViolationsAsync()
    {
        var upload = await _admin.PutAsJsonAsync("api/v1/bom", new
        {
            projectName = "shop", projectVersion = "1.0", autoCreate = "true",
            bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(TestBoms.Npm(("lodash", "4.17.4"), ("minimist", "1.2.5")))),
        });
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var token = (string)(await upload.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        await UntilAsync(async () => !(await _admin.GetFromJsonAsync<JsonObject>($"api/v1/event/token/{token}"))!["processing"]!.GetValue<bool>());
        var project = (string)(await _admin.GetFromJsonAsync<JsonObject>("api/v1/project/lookup?name=shop&version=1.0"))!["uuid"]!;
        await PolicyAsync("no zipObjectDeep", "FAIL", "VULNERABILITY_ID", "IS", "CVE-2025-90101");
        await PolicyAsync("minimist", "WARN", "PACKAGE_URL", "MATCHES", "pkg:npm/minimist@*");
        await UntilAsync(async () => (await GetArrayAsync(_admin, $"api/v1/violation/project/{project}")).Count == 2);
        return project;
    }

    private async Task PolicyAsync(string name, string state, string subject, string op, string value)
    {
        var created = await _admin.PutAsJsonAsync("api/v1/policy", new { name, violationState = state });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var uuid = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;
        var condition = await _admin.PutAsJsonAsync($"api/v1/policy/{uuid}/condition", new { subject, @operator = op, value });
        Assert.Equal(HttpStatusCode.Created, condition.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(params string[] permissions)
    {
        var team = await _admin.PutAsJsonAsync("api/v1/team", new { name = $"client-{Guid.NewGuid():N}" });
        var uuid = (string)(await team.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;
        foreach (var permission in permissions)
        {
            Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"api/v1/permission/{permission}/team/{uuid}", null)).StatusCode);
        }
        var key = (string)(await (await _admin.PutAsync($"api/v1/team/{uuid}/key", null)).Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        var client = new HttpClient { BaseAddress = _server.BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<JsonArray> GetArrayAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private static void AssertString(JsonNode? node, params string[] fields)
    {
        Assert.NotNull(node);
        foreach (var field in fields)
        {
            Assert.False(string.IsNullOrEmpty(node[field]?.GetValue<string>()), $"{field} missing in {node.ToJsonString()}");
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not done after {s_timeout}");
            await Task.Delay(200);
        }
    }

    public async Task InitializeAsync()
    {
        _storage = await ServerProcessStorage.CreateAsync(storage);
        _server = await _storage.StartAsync(AdminKey, trivy, new Dictionary<string, string?> { ["Depwatch__Analysis__PollInterval"] = "00:00:00.100" });
        _admin = new HttpClient { BaseAddress = _server.BaseUrl };
        _admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
        await _storage.DisposeAsync();
    }
}

[Collection(TrivyCollection.Name)]
public sealed class PolicyClientReplayOnSqlite(TrivyServerFixture trivy) : PolicyClientReplayTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class PolicyClientReplayOnPostgres(TrivyServerFixture trivy) : PolicyClientReplayTests(StorageKind.Postgres, trivy);
