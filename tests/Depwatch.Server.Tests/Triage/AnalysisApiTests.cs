using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Triage;

/// <summary>
/// Decisions about findings on Dependency-Track's analysis API: recorded with an audit trail of who changed what,
/// shown on the findings, taken out of the counts when suppressed, and kept across uploads and re-analysis.
/// </summary>
public abstract class AnalysisApiTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task A_decision_is_recorded_with_a_trail_of_each_change_and_who_made_it()
    {
        var finding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");
        var (_, key) = await TeamKeys.CreateAsync(_app, "VULNERABILITY_ANALYSIS", "VIEW_VULNERABILITY");
        using var analyst = _app.CreateClient(key);

        var first = await PutAsync(analyst, finding, new() { ["analysisState"] = "IN_TRIAGE", ["comment"] = "looking at it" });
        var second = await PutAsync(analyst, finding, new()
        {
            ["analysisState"] = "NOT_AFFECTED", ["analysisJustification"] = "CODE_NOT_REACHABLE", ["analysisResponse"] = "WILL_NOT_FIX",
            ["analysisDetails"] = "zipObjectDeep is never called", ["isSuppressed"] = true,
        });

        Assert.Equal("IN_TRIAGE", (string?)first["analysisState"]);
        Assert.Equal("NOT_AFFECTED", (string?)second["analysisState"]);
        Assert.Equal("CODE_NOT_REACHABLE", (string?)second["analysisJustification"]);
        Assert.Equal("WILL_NOT_FIX", (string?)second["analysisResponse"]);
        Assert.True((bool)second["isSuppressed"]!);
        Assert.Equal(
            ["Analysis: NOT_SET → IN_TRIAGE", "looking at it", "Analysis: IN_TRIAGE → NOT_AFFECTED", "Justification: NOT_SET → CODE_NOT_REACHABLE",
             "Vendor Response: NOT_SET → WILL_NOT_FIX", "Details: zipObjectDeep is never called", "Suppressed"],
            second["analysisComments"]!.AsArray().Select(c => (string)c!["comment"]!));
        var team = await analyst.GetFromJsonAsync<JsonObject>("/api/v1/team/self");
        Assert.All(second["analysisComments"]!.AsArray(), c => Assert.Equal((string)team!["name"]!, (string?)c!["commenter"]));
        var read = await _client.Http.GetFromJsonAsync<JsonObject>(
            $"/api/v1/analysis?project={finding.Project}&component={finding.Component}&vulnerability={finding.Vulnerability}");
        Assert.Equal(second.ToJsonString(), read!.ToJsonString());
    }

    [Fact]
    public async Task Findings_show_the_decision_and_leave_suppressed_ones_out_unless_asked()
    {
        var finding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");
        await PutAsync(_client.Http, finding, new() { ["analysisState"] = "FALSE_POSITIVE", ["analysisDetails"] = "not our lodash", ["isSuppressed"] = true });

        var open = await _client.FindingsAsync(finding.Project);
        Assert.DoesNotContain("lodash GHSA-r4q8-vxc6-wjf5", PortfolioClient.Summaries(open));
        Assert.All(open, f => Assert.False((bool)f!["analysis"]!["isSuppressed"]!));
        var all = await _client.Http.GetFromJsonAsync<JsonArray>($"/api/v1/finding/project/{finding.Project}?suppressed=true");
        var suppressed = all!.Single(f => (string?)f!["vulnerability"]!["vulnId"] == "GHSA-r4q8-vxc6-wjf5")!["analysis"]!;
        Assert.Equal("FALSE_POSITIVE", (string?)suppressed["state"]);
        Assert.True((bool)suppressed["isSuppressed"]!);
        Assert.Equal("not our lodash", (string?)suppressed["detail"]);
    }

    [Fact]
    public async Task Metrics_count_a_suppressed_finding_apart_and_an_audited_one_as_audited()
    {
        var suppressedFinding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");
        var before = await _client.MetricsAsync(suppressedFinding.Project);
        var audited = FindingOf(await _client.FindingsAsync(suppressedFinding.Project), "CVE-2025-90101", suppressedFinding.Project);

        await PutAsync(_client.Http, suppressedFinding, new() { ["analysisState"] = "FALSE_POSITIVE", ["isSuppressed"] = true });
        await PutAsync(_client.Http, audited, new() { ["analysisState"] = "EXPLOITABLE" });

        var after = await _client.MetricsAsync(suppressedFinding.Project);
        Assert.Equal((int)before["vulnerabilities"]! - 1, (int)after["vulnerabilities"]!);
        Assert.Equal(1, (int)after["suppressed"]!);
        Assert.Equal(1, (int)after["findingsAudited"]!);
        Assert.Equal((int)after["findingsTotal"]! - 1, (int)after["findingsUnaudited"]!);
        Assert.True((double)after["inheritedRiskScore"]! < (double)before["inheritedRiskScore"]!);
    }

    [Fact]
    public async Task A_decision_survives_an_upload_that_drops_the_component_and_one_that_brings_it_back()
    {
        var finding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");
        await PutAsync(_client.Http, finding, new() { ["analysisState"] = "NOT_AFFECTED", ["analysisJustification"] = "CODE_NOT_PRESENT", ["isSuppressed"] = true });

        await _client.UploadAndWaitAsync("app", "1", TestBoms.Npm(("minimist", "1.2.5")));
        await _client.UploadAndWaitAsync("app", "1", TestBoms.Npm(("lodash", "4.17.4"), ("minimist", "1.2.5")));

        var all = await _client.Http.GetFromJsonAsync<JsonArray>($"/api/v1/finding/project/{finding.Project}?suppressed=true");
        var back = FindingOf(all!, "GHSA-r4q8-vxc6-wjf5", finding.Project);
        Assert.NotEqual(finding.Component, back.Component);
        var analysis = all!.Single(f => (string?)f!["vulnerability"]!["vulnId"] == "GHSA-r4q8-vxc6-wjf5")!["analysis"]!;
        Assert.Equal("NOT_AFFECTED", (string?)analysis["state"]);
        Assert.True((bool)analysis["isSuppressed"]!);
        Assert.DoesNotContain("lodash GHSA-r4q8-vxc6-wjf5", PortfolioClient.Summaries(await _client.FindingsAsync(finding.Project)));
    }

    [Fact]
    public async Task A_decision_applied_to_every_project_is_recorded_in_each_trail()
    {
        var finding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");
        var other = await _client.UploadAndWaitAsync("other", "2", TestBoms.Npm(("lodash", "4.17.4")));
        var otherFinding = FindingOf(await _client.FindingsAsync((string)other["uuid"]!), "GHSA-r4q8-vxc6-wjf5", (string)other["uuid"]!);

        await PutAsync(_client.Http, finding, new() { ["analysisState"] = "RESOLVED", ["comment"] = "patched in our fork", ["applyToAllProjects"] = true });

        var read = await _client.Http.GetFromJsonAsync<JsonObject>(
            $"/api/v1/analysis?project={otherFinding.Project}&component={otherFinding.Component}&vulnerability={otherFinding.Vulnerability}");
        Assert.Equal("RESOLVED", (string?)read!["analysisState"]);
        Assert.Contains("patched in our fork", read["analysisComments"]!.AsArray().Select(c => (string?)c!["comment"]));
        Assert.Contains(read["analysisComments"]!.AsArray(), c => ((string?)c!["comment"])!.StartsWith("Applied to every project", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recording_needs_VULNERABILITY_ANALYSIS_and_reading_needs_VIEW_VULNERABILITY()
    {
        var finding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");
        var (_, viewer) = await TeamKeys.CreateAsync(_app, "VIEW_VULNERABILITY");
        var (_, portfolio) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");
        using var viewerClient = _app.CreateClient(viewer);
        using var portfolioClient = _app.CreateClient(portfolio);

        var put = await viewerClient.PutAsJsonAsync("/api/v1/analysis", Body(finding, new() { ["analysisState"] = "EXPLOITABLE" }));
        var get = await portfolioClient.GetAsync($"/api/v1/analysis?component={finding.Component}&vulnerability={finding.Vulnerability}");

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        var none = await viewerClient.GetAsync($"/api/v1/analysis?component={finding.Component}&vulnerability={finding.Vulnerability}");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("No analysis exists.", await none.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("component", "The component could not be found.")]
    [InlineData("vulnerability", "The vulnerability could not be found.")]
    [InlineData("project", "The project could not be found.")]
    public async Task An_unknown_project_component_or_vulnerability_is_404_and_records_nothing(string unknown, string text)
    {
        var finding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");
        var body = Body(finding, new() { ["analysisState"] = "EXPLOITABLE" });
        body[unknown] = Guid.NewGuid().ToString();

        var put = await _client.Http.PutAsJsonAsync("/api/v1/analysis", body);

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(text, await put.Content.ReadAsStringAsync());
        var read = await _client.Http.GetAsync($"/api/v1/analysis?component={finding.Component}&vulnerability={finding.Vulnerability}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Theory]
    [InlineData("EXPLOITABLE", "CODE_NOT_REACHABLE", "analysisJustification")]
    [InlineData("MAYBE", null, "analysisState")]
    [InlineData("NOT_AFFECTED", "BECAUSE", "analysisJustification")]
    public async Task A_decision_Dependency_Track_would_refuse_is_400_naming_the_field_and_records_nothing(string state, string? justification, string field)
    {
        var finding = await LodashFindingAsync("GHSA-r4q8-vxc6-wjf5");

        var put = await _client.Http.PutAsJsonAsync("/api/v1/analysis",
            Body(finding, new() { ["analysisState"] = state, ["analysisJustification"] = justification }));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = await put.Content.ReadFromJsonAsync<JsonArray>();
        Assert.Contains(errors!, e => (string?)e!["path"] == field);
        var read = await _client.Http.GetAsync($"/api/v1/analysis?component={finding.Component}&vulnerability={finding.Vulnerability}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task The_finding_packaging_format_export_carries_the_project_and_its_findings_with_their_decisions()
    {
        var finding = await LodashFindingAsync("CVE-2025-90101");
        await PutAsync(_client.Http, finding, new() { ["analysisState"] = "EXPLOITABLE", ["analysisDetails"] = "reachable from /upload" });
        var suppressed = FindingOf(await _client.FindingsAsync(finding.Project), "GHSA-r4q8-vxc6-wjf5", finding.Project);
        await PutAsync(_client.Http, suppressed, new() { ["analysisState"] = "FALSE_POSITIVE", ["isSuppressed"] = true });

        using var response = await _client.Http.GetAsync($"/api/v1/finding/project/{finding.Project}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var fpf = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("1.2", (string?)fpf["version"]);
        Assert.Equal("Depwatch", (string?)fpf["meta"]!["application"]);
        Assert.NotNull(fpf["meta"]!["timestamp"]);
        Assert.Equal(finding.Project, (string?)fpf["project"]!["uuid"]);
        Assert.Equal("app", (string?)fpf["project"]!["name"]);
        Assert.Equal("1", (string?)fpf["project"]!["version"]);
        Assert.Equal(PortfolioClient.Summaries(await _client.FindingsAsync(finding.Project)), PortfolioClient.Summaries(fpf["findings"]!.AsArray()));
        var exploitable = fpf["findings"]!.AsArray().Single(f => (string?)f!["vulnerability"]!["vulnId"] == "CVE-2025-90101")!;
        Assert.Equal("EXPLOITABLE", (string?)exploitable["analysis"]!["state"]);
        // What DefectDojo's importer reads of each finding.
        Assert.Equal("NVD", (string?)exploitable["vulnerability"]!["source"]);
        Assert.Equal("HIGH", (string?)exploitable["vulnerability"]!["severity"]);
        Assert.NotNull(exploitable["vulnerability"]!["aliases"]);
        Assert.Equal("lodash", (string?)exploitable["component"]!["name"]);
        Assert.Equal("4.17.4", (string?)exploitable["component"]!["version"]);
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    // lodash 4.17.4: GHSA-r4q8-vxc6-wjf5 and CVE-2025-90101; minimist 1.2.5: CVE-2025-90104.
    private async Task<FindingRef> LodashFindingAsync(string vulnId)
    {
        var project = await _client.UploadAndWaitAsync("app", "1", TestBoms.Npm(("lodash", "4.17.4"), ("minimist", "1.2.5")));
        var uuid = (string)project["uuid"]!;
        return FindingOf(await _client.FindingsAsync(uuid), vulnId, uuid);
    }

    private static FindingRef FindingOf(JsonArray findings, string vulnId, string project)
    {
        var finding = findings.Single(f => (string?)f!["vulnerability"]!["vulnId"] == vulnId)!;
        return new FindingRef(project, (string)finding["component"]!["uuid"]!, (string)finding["vulnerability"]!["uuid"]!);
    }

    private static JsonObject Body(FindingRef finding, JsonObject decision)
    {
        decision["project"] = finding.Project;
        decision["component"] = finding.Component;
        decision["vulnerability"] = finding.Vulnerability;
        return decision;
    }

    private static async Task<JsonObject> PutAsync(HttpClient http, FindingRef finding, JsonObject decision)
    {
        var response = await http.PutAsJsonAsync("/api/v1/analysis", Body(finding, decision));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private sealed record FindingRef(string Project, string Component, string Vulnerability);
}

[Collection(TrivyCollection.Name)]
public sealed class AnalysisApiOnSqlite(TrivyServerFixture trivy) : AnalysisApiTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class AnalysisApiOnPostgres(TrivyServerFixture trivy) : AnalysisApiTests(StorageKind.Postgres, trivy);
