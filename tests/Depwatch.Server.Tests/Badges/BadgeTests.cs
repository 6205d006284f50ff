using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;

namespace Depwatch.Server.Tests.Badges;

/// <summary>Project badges: off by default, then SVG for keys holding VIEW_BADGES, in the header or the apiKey parameter.</summary>
public abstract class BadgeTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _admin = null!;

    [Fact]
    public async Task Badges_are_off_until_an_administrator_turns_them_on()
    {
        var project = await SeedAsync(("CVE-2026-10", "HIGH"));

        var off = await _admin.GetAsync($"/api/v1/badge/vulns/project/{project}");
        await TurnOnAsync();
        var on = await _admin.GetAsync($"/api/v1/badge/vulns/project/{project}");

        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
        Assert.Contains("general/badge.enabled", await off.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Equal("image/svg+xml", on.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_badge_shows_the_current_counts_by_severity_and_is_found_by_uuid_or_name_and_version()
    {
        var project = await SeedAsync(("CVE-2026-11", "CRITICAL"), ("CVE-2026-12", "HIGH"), ("CVE-2026-13", "HIGH"));
        await TurnOnAsync();

        var byUuid = XDocument.Parse(await _admin.GetStringAsync($"/api/v1/badge/vulns/project/{project}"));
        var byName = await _admin.GetStringAsync("/api/v1/badge/vulns/project/badged/1");

        var texts = byUuid.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Equal(["vulnerabilities", "1 critical", "2 high"], texts);
        Assert.Equal(byUuid.ToString(SaveOptions.DisableFormatting), XDocument.Parse(byName).ToString(SaveOptions.DisableFormatting));
    }

    [Fact]
    public async Task A_project_without_findings_reads_none()
    {
        var project = await SeedAsync();
        await TurnOnAsync();

        var svg = XDocument.Parse(await _admin.GetStringAsync($"/api/v1/badge/vulns/project/{project}"));

        Assert.Equal("vulnerabilities: none", svg.Descendants().First(e => e.Name.LocalName == "title").Value);
    }

    [Fact]
    public async Task A_badge_needs_VIEW_BADGES_in_the_header_or_the_apiKey_parameter()
    {
        var project = await SeedAsync(("CVE-2026-14", "LOW"));
        await TurnOnAsync();
        var (_, badgeKey) = await TeamKeys.CreateAsync(_app, "VIEW_BADGES");
        var (_, viewerKey) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");
        var anonymous = _app.CreateClient(apiKey: null);

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(badgeKey).GetAsync($"/api/v1/badge/vulns/project/{project}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/badge/vulns/project/{project}?apiKey={badgeKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient(viewerKey).GetAsync($"/api/v1/badge/vulns/project/{project}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/badge/vulns/project/{project}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/project?apiKey={badgeKey}")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_project_has_no_badge()
    {
        await TurnOnAsync();

        var byUuid = await _admin.GetAsync($"/api/v1/badge/vulns/project/{Guid.NewGuid()}");
        var byName = await _admin.GetAsync("/api/v1/badge/vulns/project/nothing/1");

        Assert.Equal(HttpStatusCode.NotFound, byUuid.StatusCode);
        Assert.Equal("The project could not be found.", await byName.Content.ReadAsStringAsync());
    }

    private async Task TurnOnAsync()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/configProperty",
            new { groupName = "general", propertyName = "badge.enabled", propertyValue = "true" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Guid> SeedAsync(params (string VulnId, string Severity)[] findings)
    {
        var project = PortfolioSeed.Project("badged");
        project.LastAnalysis = DateTimeOffset.UtcNow;
        var component = PortfolioSeed.Component(project.Id, "lib");
        await using var db = await PortfolioSeed.ContextAsync(_app);
        db.Projects.Add(project);
        db.Components.Add(component);
        foreach (var (vulnId, severity) in findings)
        {
            var vulnerability = PortfolioSeed.Vulnerability("NVD", vulnId, severity);
            db.Vulnerabilities.Add(vulnerability);
            db.Findings.Add(PortfolioSeed.Finding(component, vulnerability));
        }
        await db.SaveChangesAsync();
        return project.Id;
    }

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage);
        _admin = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class BadgesOnSqlite() : BadgeTests(StorageKind.Sqlite);

public sealed class BadgesOnPostgres() : BadgeTests(StorageKind.Postgres);
