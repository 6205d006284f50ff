using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;
using Depwatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Metrics;

/// <summary>Metrics over time on Dependency-Track's paths: one row per project (and for the portfolio) per day.</summary>
public abstract class MetricsHistoryTests(StorageKind storage) : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new();
    private DepwatchApplication _app = null!;
    private HttpClient _admin = null!;

    [Fact]
    public async Task Each_day_keeps_its_last_recording_and_the_history_lists_the_days_oldest_first()
    {
        var (project, component) = await SeedProjectAsync("shop");
        await AddFindingAsync(component, "CVE-2026-1", "HIGH");
        await RefreshAsync($"/api/v1/metrics/project/{project}/refresh");
        var firstDay = Today();

        _clock.Advance(TimeSpan.FromDays(1));
        await AddFindingAsync(component, "CVE-2026-2", "CRITICAL");
        await RefreshAsync($"/api/v1/metrics/project/{project}/refresh");
        var firstRecording = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        _clock.Advance(TimeSpan.FromMinutes(5));
        await AddFindingAsync(component, "CVE-2026-3", "LOW");
        await RefreshAsync("/api/v1/metrics/portfolio/refresh");

        var days = await GetArrayAsync($"/api/v1/metrics/project/{project}/days/7");

        Assert.Equal(2, days.Count);
        Assert.Equal((0, 1, 0, 0, 0), MetricsTests.Severities(days[0]!.AsObject()));
        Assert.Equal((1, 1, 0, 1, 0), MetricsTests.Severities(days[1]!.AsObject()));
        Assert.Equal(16.0, (double)days[1]!["inheritedRiskScore"]!);
        Assert.Equal(firstRecording, (long)days[1]!["firstOccurrence"]!, tolerance: 1000);
        Assert.True((long)days[1]!["lastOccurrence"]! >= firstRecording + 300_000);
        Assert.Single(await GetArrayAsync($"/api/v1/metrics/project/{project}/days/0"));
        Assert.Equal(2, (await GetArrayAsync($"/api/v1/metrics/project/{project}/since/{firstDay}")).Count);
        var portfolio = Assert.Single(await GetArrayAsync("/api/v1/metrics/portfolio/30/days"))!.AsObject();
        Assert.Equal((1, 1, 0, 1, 0), MetricsTests.Severities(portfolio));
        Assert.Equal((1, 1), ((int)portfolio["projects"]!, (int)portfolio["vulnerableProjects"]!));
        Assert.Single(await GetArrayAsync($"/api/v1/metrics/portfolio/since/{Today()}"));
    }

    [Fact]
    public async Task Refreshing_the_portfolio_records_every_active_project_and_leaves_inactive_ones_out()
    {
        var (active, component) = await SeedProjectAsync("active");
        await AddFindingAsync(component, "CVE-2026-4", "MEDIUM");
        var (inactive, hidden) = await SeedProjectAsync("retired", isActive: false);
        await AddFindingAsync(hidden, "CVE-2026-5", "CRITICAL");

        await RefreshAsync("/api/v1/metrics/portfolio/refresh");

        Assert.Equal((0, 0, 1, 0, 0), MetricsTests.Severities(Assert.Single(await GetArrayAsync($"/api/v1/metrics/project/{active}/days/1"))!.AsObject()));
        Assert.Empty(await GetArrayAsync($"/api/v1/metrics/project/{inactive}/days/1"));
        var portfolio = Assert.Single(await GetArrayAsync("/api/v1/metrics/portfolio/1/days"))!.AsObject();
        Assert.Equal((0, 0, 1, 0, 0), MetricsTests.Severities(portfolio));
        Assert.Equal(1, (int)portfolio["projects"]!);
    }

    [Fact]
    public async Task Reading_history_needs_VIEW_PORTFOLIO_and_refreshing_needs_PORTFOLIO_MANAGEMENT()
    {
        var (project, _) = await SeedProjectAsync("guarded");
        var (_, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");
        var viewer = _app.CreateClient(key);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/metrics/project/{project}/days/30")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/v1/metrics/project/{project}/refresh")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/metrics/portfolio/refresh")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(apiKey: null).GetAsync("/api/v1/metrics/portfolio/30/days")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/metrics/project/8a7f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b/days/30", HttpStatusCode.NotFound, "The project could not be found.")]
    [InlineData("/api/v1/metrics/project/8a7f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b/refresh", HttpStatusCode.NotFound, "The project could not be found.")]
    [InlineData("/api/v1/metrics/portfolio/since/2026-01-01", HttpStatusCode.BadRequest, "The specified date format is incorrect.")]
    [InlineData("/api/v1/metrics/portfolio/since/20261341", HttpStatusCode.BadRequest, "The specified date format is incorrect.")]
    public async Task Unknown_projects_and_malformed_dates_are_refused_with_Dependency_Tracks_texts(string path, HttpStatusCode status, string text)
    {
        var response = await _admin.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    private string Today() => _clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private async Task<(Guid Project, Data.Entities.ComponentEntity Component)> SeedProjectAsync(string name, bool isActive = true)
    {
        var project = PortfolioSeed.Project(name, isActive);
        var component = PortfolioSeed.Component(project.Id, $"{name}-lib");
        await using var db = await PortfolioSeed.ContextAsync(_app);
        db.Projects.Add(project);
        db.Components.Add(component);
        await db.SaveChangesAsync();
        return (project.Id, component);
    }

    private async Task AddFindingAsync(Data.Entities.ComponentEntity component, string vulnId, string severity)
    {
        var vulnerability = PortfolioSeed.Vulnerability("NVD", vulnId, severity);
        await using var db = await PortfolioSeed.ContextAsync(_app);
        db.Vulnerabilities.Add(vulnerability);
        db.Findings.Add(PortfolioSeed.Finding(component, vulnerability));
        await db.SaveChangesAsync();
    }

    private async Task RefreshAsync(string path)
    {
        var response = await _admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonArray> GetArrayAsync(string path)
    {
        var response = await _admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage, services: services => services.AddSingleton<TimeProvider>(_clock));
        _admin = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class MetricsHistoryOnSqlite() : MetricsHistoryTests(StorageKind.Sqlite);

public sealed class MetricsHistoryOnPostgres() : MetricsHistoryTests(StorageKind.Postgres);
