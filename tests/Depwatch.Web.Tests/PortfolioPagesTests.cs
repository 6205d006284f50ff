using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Browser;
using Depwatch.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Web.Tests;

/// <summary>The portfolio, project and vulnerability pages over plain HTTP, on both databases, against the real Trivy server.</summary>
public abstract class PortfolioPagesTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private TrivyPages _pages = null!;
    private WebUiApplication _app = null!;
    private PageClient _client = null!;
    private ApiClient _api = null!;

    [Fact]
    public async Task The_portfolio_lists_each_project_with_its_analysis_and_severities()
    {
        await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        await _api.UploadAndWaitAsync("clean", null, """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}""");

        var (status, html, _) = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("aria-label=\"1 critical, 1 high, 1 medium, 1 low\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"no vulnerabilities\"", html, StringComparison.Ordinal);
        Assert.Contains("Vulnerabilities in the portfolio by severity: 1 critical, 1 high, 1 medium, 1 low", html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, "class=\"state-succeeded\" data-testid=\"analysis-state\">Succeeded<"));
    }

    [Fact]
    public async Task The_portfolio_is_charted_over_its_recorded_days_with_today_as_it_is_now()
    {
        await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContextAsync())
        {
            db.PortfolioMetrics.AddRange(DayRow(today.AddDays(-1), critical: 2, components: 7), DayRow(today.AddDays(-40), critical: 9, components: 9));
            await db.SaveChangesAsync();
        }

        var rows = Html.RowsOf((await _client.GetAsync("/")).Html, "history");

        Assert.Equal(2, rows.Count);
        Assert.EndsWith("| 1 | 1 | 1 | 1 | 0 | 0 | 4", rows[0], StringComparison.Ordinal);
        Assert.StartsWith(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), rows[1], StringComparison.Ordinal);
        Assert.EndsWith("| 2 | 0 | 0 | 0 | 0 | 0 | 7", rows[1], StringComparison.Ordinal);
    }

    private static PortfolioMetricsEntity DayRow(DateOnly day, int critical, int components) => new()
    {
        Day = day, Critical = critical, Vulnerabilities = critical, Components = components, Projects = 1,
        FirstOccurrence = DateTimeOffset.UtcNow, LastOccurrence = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Findings_are_filtered_and_sorted_by_the_query_string()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());

        var all = await FindingsAsync($"/projects/{project}");
        Assert.Equal(["GHSA-r4q8-vxc6-wjf5", "CVE-2025-90101", "CVE-2024-90001", "CVE-2024-90002"], all.Select(VulnId));
        // Severity first, so that it stays on screen at a phone's width.
        Assert.StartsWith("Critical | GHSA-r4q8-vxc6-wjf5 | lodash@4.17.4", all[0], StringComparison.Ordinal);
        Assert.Contains("| 9.8 | 4.17.12 | GITHUB", all[0], StringComparison.Ordinal);
        Assert.Contains("CVE-2025-90105", all[0], StringComparison.Ordinal);

        Assert.Equal(["CVE-2024-90001"], (await FindingsAsync($"/projects/{project}?severity=medium")).Select(VulnId));
        Assert.Equal(["CVE-2024-90002"], (await FindingsAsync($"/projects/{project}?fix=no")).Select(VulnId));
        Assert.Equal(["GHSA-r4q8-vxc6-wjf5"], (await FindingsAsync($"/projects/{project}?source=GITHUB")).Select(VulnId));
        Assert.Equal(["CVE-2024-90002", "CVE-2024-90001", "CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"],
            (await FindingsAsync($"/projects/{project}?sort=cvss&dir=asc")).Select(VulnId));
        var byComponent = await FindingsAsync($"/projects/{project}?sort=component");
        Assert.StartsWith("libssl3", byComponent[0].Split(" | ")[2], StringComparison.Ordinal);
        Assert.StartsWith("lodash", byComponent[3].Split(" | ")[2], StringComparison.Ordinal);
        Assert.Contains("No findings match these filters", (await _client.GetAsync($"/projects/{project}?severity=unassigned")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Components_are_searched_sorted_and_show_their_purl()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());

        var byName = Html.RowsOf((await _client.GetAsync($"/projects/{project}?view=components")).Html, "components");
        Assert.Equal(["debian", "left-pad", "libssl3", "lodash"], byName.Select(r => r.Split(" | ")[0]));
        Assert.Contains("pkg:npm/lodash@4.17.4", byName[3], StringComparison.Ordinal);

        var searched = Html.RowsOf((await _client.GetAsync($"/projects/{project}?view=components&q=SSL")).Html, "components");
        Assert.Equal(["libssl3"], searched.Select(r => r.Split(" | ")[0]));
        var byPurlDescending = Html.RowsOf((await _client.GetAsync($"/projects/{project}?view=components&sort=purl&dir=desc")).Html, "components");
        Assert.Equal(["lodash", "left-pad", "libssl3", "debian"], byPurlDescending.Select(r => r.Split(" | ")[0]));
    }

    [Fact]
    public async Task The_vulnerability_page_shows_its_data_and_every_affected_project()
    {
        var first = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        var second = await _api.UploadAndWaitAsync("shop", "2.0.0", WebBoms.Shop());

        var (status, html, _) = await _client.GetAsync("/vulnerabilities/NVD/CVE-2025-90101");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("zipObjectDeep assigns through paths", html, StringComparison.Ordinal);
        Assert.Contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", html, StringComparison.Ordinal);
        Assert.Contains("CWE-1321", html, StringComparison.Ordinal);
        Assert.Contains("GHSA-8hv4-jw5f-qm2c", html, StringComparison.Ordinal);
        Assert.Contains("https://github.com/lodash/lodash/pull/9999", html, StringComparison.Ordinal);
        Assert.Equal("NVD from GitHub Security Advisory npm", Regex.Replace(Html.TextOf(html, "source"), "\\s+", " "));
        Assert.Contains("<a href=\"https://github.com/advisories?query=type%3Areviewed&#x2B;ecosystem%3Anpm\" rel=\"noreferrer\">GitHub Security Advisory npm</a>",
            html, StringComparison.Ordinal);
        var affected = Html.RowsOf(html, "affected");
        Assert.Equal(2, affected.Count);
        Assert.Contains(affected, r => r.StartsWith("shop 1.0.0 | lodash@4.17.4", StringComparison.Ordinal));
        Assert.Contains($"href=\"/projects/{first}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/projects/{second}\"", html, StringComparison.Ordinal);

        var unknown = await _client.GetAsync("/vulnerabilities/NVD/CVE-1999-0001");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("Depwatch has no record of CVE-1999-0001", unknown.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_SBOM_uploaded_through_the_form_is_followed_until_its_findings_are_there()
    {
        var (_, page, _) = await _client.GetAsync("/");
        var response = await PostUploadAsync("/?handler=Upload", PageClient.TokenIn(page), WebBoms.Shop(), ("ProjectName", "shop"), ("ProjectVersion", "3.1"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/projects/[0-9a-f-]{36}\\?token=[0-9a-f-]{36}$", location);
        var projectPage = await _client.GetAsync(location);
        Assert.Contains("data-testid=\"processing\"", projectPage.Html, StringComparison.Ordinal);

        var statusUrl = location.Replace("?token=", "?handler=Status&token=", StringComparison.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (JsonDocument.Parse((await _client.GetAsync(statusUrl)).Html).RootElement.GetProperty("processing").GetBoolean())
        {
            await Task.Delay(100, timeout.Token);
        }
        var done = await _client.GetAsync(location.Split('?')[0]);
        Assert.DoesNotContain("data-testid=\"processing\"", done.Html, StringComparison.Ordinal);
        Assert.Equal(4, Html.RowsOf(done.Html, "findings").Count);
    }

    [Fact]
    public async Task A_file_that_is_not_CycloneDX_is_refused_with_the_reason_and_nothing_is_stored()
    {
        var (_, page, _) = await _client.GetAsync("/");

        var response = await PostUploadAsync("/?handler=Upload", PageClient.TokenIn(page), "<html>not a bom</html>", ("ProjectName", "shop"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("not a CycloneDX SBOM Depwatch can read", Html.TextOf(html, "Bom-error"), StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", Html.ElementWithId(html, "Bom"), StringComparison.Ordinal);
        Assert.Contains("No projects yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_with_a_control_character_is_refused_on_its_field_and_nothing_is_stored()
    {
        var (_, page, _) = await _client.GetAsync("/");

        var response = await PostUploadAsync("/?handler=Upload", PageClient.TokenIn(page), WebBoms.Shop(), ("ProjectName", "shop"), ("ProjectVersion", "1\u0000"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The version contains a control character (U+0000)", Html.TextOf(html, "ProjectVersion-error"), StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", Html.ElementWithId(html, "ProjectVersion"), StringComparison.Ordinal);
        Assert.Contains("No projects yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_now_queues_an_analysis_that_adds_to_the_history()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        var (_, page, _) = await _client.GetAsync($"/projects/{project}");

        var response = await _client.PostAsync($"/projects/{project}?handler=Analyze", [], PageClient.TokenIn(page, $"/projects/{project}?handler=Analyze"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _api.WaitAsync(Guid.Parse(response.Headers.Location!.OriginalString.Split("token=")[1]));
        var (_, html, _) = await _client.GetAsync($"/projects/{project}");
        Assert.Contains("over the last 2 analyses", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_shows_its_tags_and_links_its_parent_and_children()
    {
        var product = await _api.UploadAndWaitAsync("product", "2026", WebBoms.Shop());
        var shop = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop(), tags: ["Team-Web", "pci"], parent: product);

        var (_, child, _) = await _client.GetAsync($"/projects/{shop}");
        var (_, parent, _) = await _client.GetAsync($"/projects/{product}");

        Assert.Equal(["pci", "team-web"], ListItems(child, "tags"));
        Assert.Contains($"<a href=\"/projects/{product}\" data-testid=\"parent\">product 2026</a>", child, StringComparison.Ordinal);
        Assert.Equal([$"<a href=\"/projects/{shop}\">shop 1.0.0</a>"], ListItems(parent, "children"));
        Assert.Empty(ListItems(parent, "tags"));
    }

    [Fact]
    public async Task Without_VIEW_VULNERABILITY_the_project_shows_components_but_no_findings_and_without_VIEW_PORTFOLIO_nothing()
    {
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        await _app.CreateUserAsync("inventory", Users.Password, "VIEW_PORTFOLIO");
        await _app.CreateUserAsync("operator", Users.Password, "SYSTEM_CONFIGURATION");
        using var inventory = await _app.SignedInClientAsync("inventory");
        using var @operator = await _app.SignedInClientAsync("operator");

        var (_, html, _) = await inventory.GetAsync($"/projects/{project}");
        Assert.Equal(4, Html.RowsOf(html, "components").Count);
        Assert.DoesNotContain("CVE-2025-90101", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Analyze now", html, StringComparison.Ordinal);

        var denied = await @operator.GetAsync($"/projects/{project}");
        Assert.Equal(HttpStatusCode.Redirect, denied.Status);
        Assert.Equal("/access-denied", denied.Location!.AbsolutePath);
        Assert.Contains("cannot see the portfolio", (await @operator.GetAsync("/")).Html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostUploadAsync(string path, string token, string bom, params (string Name, string Value)[] fields)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append((PageClient.TokenField, token)))
        {
            content.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(bom));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "Bom", "bom.json");
        return await _client.PostAsync(path, content);
    }

    private async Task<List<string>> FindingsAsync(string path) => Html.RowsOf((await _client.GetAsync(path)).Html, "findings");

    private static string VulnId(string row) => row.Split(" | ")[1].Trim();

    /// <summary>The inner HTML of each item of the list marked <c>data-testid="<paramref name="testId"/>"</c>.</summary>
    private static List<string> ListItems(string html, string testId)
    {
        var list = System.Text.RegularExpressions.Regex.Match(html, $"<ul [^>]*data-testid=\"{testId}\">(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline);
        return [.. System.Text.RegularExpressions.Regex.Matches(list.Groups[1].Value, "<li>(.*?)</li>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value.Trim())];
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    public async Task InitializeAsync()
    {
        _pages = await TrivyPages.StartAsync(storage, trivy);
        (_app, _client, _api) = (_pages.App, _pages.Client, _pages.Api);
    }

    public async Task DisposeAsync() => await _pages.DisposeAsync();
}

[Collection(BrowserCollection.Name)]
public sealed class PortfolioPagesOnSqlite(TrivyServerFixture trivy) : PortfolioPagesTests(StorageKind.Sqlite, trivy);

[Collection(BrowserCollection.Name)]
public sealed class PortfolioPagesOnPostgres(TrivyServerFixture trivy) : PortfolioPagesTests(StorageKind.Postgres, trivy);
