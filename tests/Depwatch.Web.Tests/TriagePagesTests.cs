using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Depwatch.Server.Data;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Browser;
using Depwatch.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Web.Tests;

/// <summary>
/// Triage on the project page over plain HTTP, on both databases: decisions recorded by the forms with their trail,
/// suppressed findings hidden and counted apart, permissions, VEX and FPF downloads, and the vulnerability list.
/// </summary>
public abstract partial class TriagePagesTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private TrivyPages _pages = null!;
    private WebUiApplication _app = null!;
    private PageClient _client = null!;
    private ApiClient _api = null!;

    [Fact]
    public async Task A_suppressed_finding_is_hidden_counted_apart_and_listed_on_request_with_its_trail()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());

        var response = await DecideAsync(_client, project, "GHSA-r4q8-vxc6-wjf5",
            ("Triage.State", "NOT_AFFECTED"), ("Triage.Justification", "CODE_NOT_REACHABLE"), ("Triage.Suppress", "true"),
            ("Triage.Comment", "defaultsDeep is never called"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, html, _) = await _client.GetAsync($"/projects/{project}");
        Assert.Equal(["CVE-2025-90101", "CVE-2024-90001", "CVE-2024-90002"], Html.RowsOf(html, "findings").Select(VulnId));
        Assert.Equal("3", Html.TextOfTestId(html, "finding-count"));
        Assert.Equal("1 suppressed", Html.TextOfTestId(html, "suppressed-count"));
        Assert.Contains("3 findings, 1 suppressed not shown", Html.TextOfTestId(html, "finding-total"), StringComparison.Ordinal);
        var all = (await _client.GetAsync($"/projects/{project}?suppressed=true")).Html;
        Assert.Equal(4, Html.RowsOf(all, "findings").Count);
        var notAffected = Html.RowsOf((await _client.GetAsync($"/projects/{project}?suppressed=true&analysis=NOT_AFFECTED")).Html, "findings");
        Assert.Equal("GHSA-r4q8-vxc6-wjf5", VulnId(Assert.Single(notAffected)));
        Assert.EndsWith("Not affected Suppressed", notAffected[0], StringComparison.Ordinal);
        var trail = Html.TextOfTestId(all, "trail");
        Assert.Contains("root: Analysis: NOT_SET → NOT_AFFECTED", trail, StringComparison.Ordinal);
        Assert.Contains("root: Suppressed", trail, StringComparison.Ordinal);
        Assert.Contains("root: defaultsDeep is never called", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_of_analyses_counts_suppressed_findings_apart()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        await DecideAsync(_client, project, "GHSA-r4q8-vxc6-wjf5", ("Triage.State", "FALSE_POSITIVE"), ("Triage.Suppress", "true"));

        var analyze = await _client.PostAsync($"/projects/{project}?handler=Analyze", [], await _client.FormTokenAsync($"/projects/{project}"));
        await _api.WaitAsync(Guid.Parse(Regex.Match(analyze.Headers.Location!.OriginalString, "token=([0-9a-f-]+)").Groups[1].Value));

        var history = Html.RowsOf((await _client.GetAsync($"/projects/{project}")).Html, "history");
        Assert.Equal(2, history.Count);
        Assert.EndsWith("| 0 | 1 | 1 | 1 | 0 | 1 | 4", history[0], StringComparison.Ordinal);
        Assert.EndsWith("| 1 | 1 | 1 | 1 | 0 | 0 | 4", history[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_triage_records_one_decision_for_every_selected_finding()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        var (_, html, _) = await _client.GetAsync($"/projects/{project}");

        var response = await _client.PostAsync($"/projects/{project}?handler=Bulk",
            [new("selected", KeyOf(html, "CVE-2024-90001")), new("selected", KeyOf(html, "CVE-2024-90002")), new("Bulk.State", "EXPLOITABLE"),
             new("Bulk.Justification", "NOT_SET"), new("Bulk.Response", "UPDATE"), new("Bulk.Suppress", ""), new("Bulk.Comment", "upgrade in sprint 12")],
            PageClient.TokenIn(html));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = (await _client.GetAsync(response.Headers.Location!.OriginalString)).Html;
        Assert.Contains("Decision recorded for 2 findings.", after, StringComparison.Ordinal);
        Assert.Equal(["Not set", "Not set", "Exploitable", "Exploitable"], Html.RowsOf(after, "findings").Select(r => r.Split(" | ")[^1]));
        var decision = await _api.GetJsonAsync<JsonObject>(
            $"/api/v1/analysis?project={project}&component={KeyOf(html, "CVE-2024-90001").Split('_')[0]}&vulnerability={KeyOf(html, "CVE-2024-90001").Split('_')[1]}");
        Assert.Equal("UPDATE", (string?)decision["analysisResponse"]);
        Assert.Contains("upgrade in sprint 12", decision["analysisComments"]!.AsArray().Select(c => (string?)c!["comment"]));
    }

    [Fact]
    public async Task A_decision_Dependency_Track_would_refuse_is_shown_in_the_panel_and_records_nothing()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());

        var response = await DecideAsync(_client, project, "CVE-2025-90101", ("Triage.State", "EXPLOITABLE"), ("Triage.Justification", "CODE_NOT_PRESENT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("applies only to analysisState NOT_AFFECTED", html, StringComparison.Ordinal);
        Assert.Equal(0, await AnalysesAsync());
    }

    [Fact]
    public async Task A_user_without_VULNERABILITY_ANALYSIS_sees_the_decisions_but_no_form_and_is_refused_a_post()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        await DecideAsync(_client, project, "CVE-2025-90101", ("Triage.State", "IN_TRIAGE"), ("Triage.Comment", "looking"));
        await _app.CreateViewerAsync();
        using var viewer = await _app.SignedInClientAsync(Users.Viewer);

        var (_, html, _) = await viewer.GetAsync($"/projects/{project}");
        var refused = await DecideAsync(viewer, project, "CVE-2025-90101", ("Triage.State", "FALSE_POSITIVE"), ("Triage.Suppress", "true"));
        var bulk = await viewer.PostAsync($"/projects/{project}?handler=Bulk", [new("selected", KeyOf(html, "CVE-2025-90101")), new("Bulk.State", "RESOLVED")],
            PageClient.TokenIn(html));

        Assert.Contains("root: looking", Html.TextOfTestId(html, "trail"), StringComparison.Ordinal);
        Assert.DoesNotContain("Save decision", html, StringComparison.Ordinal);
        Assert.DoesNotContain("bulk-triage", html, StringComparison.Ordinal);
        Assert.Equal("/access-denied", refused.Headers.Location!.AbsolutePath);
        Assert.Equal("/access-denied", bulk.Headers.Location!.AbsolutePath);
        Assert.Equal("In triage", Html.RowsOf((await _client.GetAsync($"/projects/{project}")).Html, "findings")
            .Single(r => VulnId(r) == "CVE-2025-90101").Split(" | ")[^1]);
    }

    [Fact]
    public async Task The_project_page_downloads_its_VEX_and_FPF_and_refuses_them_without_VIEW_VULNERABILITY()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        await DecideAsync(_client, project, "CVE-2025-90101", ("Triage.State", "NOT_AFFECTED"), ("Triage.Justification", "CODE_NOT_REACHABLE"));
        await _app.CreateUserAsync("inventory", Users.Password, "VIEW_PORTFOLIO");
        using var inventory = await _app.SignedInClientAsync("inventory");

        var cyclonedx = await DownloadAsync($"/projects/{project}?handler=CycloneDxVex");
        var openvex = await DownloadAsync($"/projects/{project}?handler=OpenVex");
        var fpf = await DownloadAsync($"/projects/{project}?handler=FindingsExport");
        var (status, _, location) = await inventory.GetAsync($"/projects/{project}?handler=OpenVex");

        Assert.Equal("CycloneDX", (string?)cyclonedx["bomFormat"]);
        Assert.Contains(openvex["statements"]!.AsArray(), s => (string?)s!["status"] == "not_affected");
        Assert.Equal("1.2", (string?)fpf["version"]);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/access-denied", location!.AbsolutePath);
    }

    [Fact]
    public async Task The_vulnerability_list_searches_and_leads_to_a_page_with_cwe_names_and_the_list_in_its_breadcrumb()
    {
        await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());

        var all = Html.RowsOf((await _client.GetAsync("/vulnerabilities")).Html, "vulnerabilities");
        var (_, found, _) = await _client.GetAsync("/vulnerabilities?q=ZIPOBJECTDEEP");
        var (_, page, _) = await _client.GetAsync("/vulnerabilities/GITHUB/GHSA-r4q8-vxc6-wjf5");

        Assert.Equal(4, all.Count);
        Assert.StartsWith("CVE-2025-90101", Assert.Single(Html.RowsOf(found, "vulnerabilities")), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/vulnerabilities\">Vulnerabilities</a>", page, StringComparison.Ordinal);
        Assert.Contains("CWE-1321 Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')",
            Html.TextOfTestId(page, "cwes"), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> DecideAsync(PageClient client, Guid project, string vulnId, params (string Name, string Value)[] fields)
    {
        var (_, html, _) = await client.GetAsync($"/projects/{project}");
        var key = KeyOf(html, vulnId);
        return await client.PostAsync($"/projects/{project}?handler=Analysis",
            [new("finding", key), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))], PageClient.TokenIn(html));
    }

    private async Task<JsonObject> DownloadAsync(string path)
    {
        var (status, body, _) = await _client.GetAsync(path);
        Assert.True(status == HttpStatusCode.OK, $"{path} answered {status}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<int> AnalysesAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContextAsync();
        return await db.FindingAnalyses.CountAsync();
    }

    /// <summary>The key the page's forms name the finding of <paramref name="vulnId"/> by.</summary>
    private static string KeyOf(string html, string vulnId) =>
        FindingRow().Matches(html).Single(m => m.Groups[2].Value.Contains($">{vulnId}<", StringComparison.Ordinal)).Groups[1].Value;

    private static string VulnId(string row) => row.Split(" | ")[1].Trim();

    [GeneratedRegex("<tr class=\"finding[^\"]*\" data-finding=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex FindingRow();

    public async Task InitializeAsync()
    {
        _pages = await TrivyPages.StartAsync(storage, trivy);
        (_app, _client, _api) = (_pages.App, _pages.Client, _pages.Api);
    }

    public async Task DisposeAsync() => await _pages.DisposeAsync();
}

[Collection(BrowserCollection.Name)]
public sealed class TriagePagesOnSqlite(TrivyServerFixture trivy) : TriagePagesTests(StorageKind.Sqlite, trivy);

[Collection(BrowserCollection.Name)]
public sealed class TriagePagesOnPostgres(TrivyServerFixture trivy) : TriagePagesTests(StorageKind.Postgres, trivy);
