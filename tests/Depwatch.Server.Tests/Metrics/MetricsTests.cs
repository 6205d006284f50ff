using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Metrics;

/// <summary>Project and portfolio metrics of real findings, with Dependency-Track's risk score (10·C + 5·H + 3·M + 1·L + 5·U).</summary>
public abstract class MetricsTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task A_projects_metrics_count_its_unresolved_findings_by_severity_with_the_risk_score()
    {
        // CVE-2024-90001 medium and CVE-2024-90002 low (libssl3), CVE-2025-90101 high and GHSA-r4q8-vxc6-wjf5 critical (lodash).
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());

        var metrics = await _client.MetricsAsync(project["uuid"]!.GetValue<string>());

        Assert.Equal((1, 1, 1, 1, 0), Severities(metrics));
        Assert.Equal((4, 2, 4), (Int(metrics, "vulnerabilities"), Int(metrics, "vulnerableComponents"), Int(metrics, "components")));
        Assert.Equal((4, 0, 4, 0), (Int(metrics, "findingsTotal"), Int(metrics, "findingsAudited"), Int(metrics, "findingsUnaudited"), Int(metrics, "suppressed")));
        Assert.Equal(19.0, metrics["inheritedRiskScore"]!.GetValue<double>());
        Assert.Equal("NONE", metrics["collectionLogic"]!.GetValue<string>());
        Assert.Equal(project["lastVulnerabilityAnalysis"]!.GetValue<long>(), metrics["lastOccurrence"]!.GetValue<long>());
        Assert.Equal(19.0, project["lastInheritedRiskScore"]!.GetValue<double>());
        Assert.Equal(metrics.ToJsonString(), project["metrics"]!.ToJsonString());
    }

    [Fact]
    public async Task An_analysis_records_the_projects_metrics_in_the_history_of_the_day()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var uuid = project["uuid"]!.GetValue<string>();

        var days = await _client.GetJsonAsync<JsonArray>($"/api/v1/metrics/project/{uuid}/days/1");

        var today = Assert.Single(days)!.AsObject();
        Assert.Equal((1, 1, 1, 1, 0), Severities(today));
        Assert.Equal((4, 2, 4), (Int(today, "vulnerabilities"), Int(today, "vulnerableComponents"), Int(today, "components")));
    }

    [Fact]
    public async Task The_portfolio_sums_active_projects_and_counts_the_vulnerable_ones()
    {
        await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        await _client.UploadAndWaitAsync("app", "1", TestBoms.Npm(("lodash", "4.17.4")));
        await _client.UploadAndWaitAsync("clean", "1", TestBoms.Npm(("left-pad", "1.3.0")));
        var retired = await _client.Http.PutAsJsonAsync("/api/v1/project", new { name = "retired", version = "1", active = false });
        Assert.Equal(HttpStatusCode.Created, retired.StatusCode);
        await _client.UploadAndWaitAsync("retired", "1", TestBoms.Npm(("minimist", "1.2.5")));

        var portfolio = await _client.GetJsonAsync<JsonObject>("/api/v1/metrics/portfolio/current");

        Assert.Equal((2, 2, 1, 1, 0), Severities(portfolio));
        Assert.Equal((3, 2), (Int(portfolio, "projects"), Int(portfolio, "vulnerableProjects")));
        Assert.Equal((6, 3, 6), (Int(portfolio, "vulnerabilities"), Int(portfolio, "vulnerableComponents"), Int(portfolio, "components")));
        Assert.Equal(34.0, portfolio["inheritedRiskScore"]!.GetValue<double>());
        Assert.Null(portfolio["collectionLogic"]);
    }

    [Fact]
    public async Task Resolved_findings_leave_the_metrics()
    {
        var project = await _client.UploadAndWaitAsync("app", "1", TestBoms.LodashWithoutPurlVersion("4.17.4"));
        var uuid = project["uuid"]!.GetValue<string>();
        Assert.Equal((2, 1, 0, 0, 0), Severities(await _client.MetricsAsync(uuid)));

        await _client.UploadAndWaitAsync("app", "1", TestBoms.LodashWithoutPurlVersion("4.17.12"));

        var metrics = await _client.MetricsAsync(uuid);
        Assert.Equal((1, 1, 0, 0, 0), Severities(metrics));
        Assert.Equal(15.0, metrics["inheritedRiskScore"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_project_without_a_bom_or_analysis_has_no_metrics_yet()
    {
        var created = await _client.Http.PutAsJsonAsync("/api/v1/project", new { name = "empty", version = "1" });
        var uuid = (await created.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!.GetValue<string>();

        var response = await _client.Http.GetAsync($"/api/v1/metrics/project/{uuid}/current");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static (int, int, int, int, int) Severities(JsonObject metrics) => (
        Int(metrics, "critical"), Int(metrics, "high"), Int(metrics, "medium"), Int(metrics, "low"), Int(metrics, "unassigned"));

    private static int Int(JsonObject metrics, string key) => metrics[key]!.GetValue<int>();
}

[Collection(TrivyCollection.Name)]
public sealed class MetricsOnSqlite(TrivyServerFixture trivy) : MetricsTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class MetricsOnPostgres(TrivyServerFixture trivy) : MetricsTests(StorageKind.Postgres, trivy);
