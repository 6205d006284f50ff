using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Metrics;

/// <summary>
/// Dependency-Track's counting rules on findings no fixture advisory produces: aliases counted once per component,
/// INFO as low, UNASSIGNED weighted like high.
/// </summary>
public abstract class MetricsCountingTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;

    [Fact]
    public async Task A_vulnerability_aliasing_one_already_counted_on_the_same_component_is_counted_once()
    {
        var project = PortfolioSeed.Project("aliases");
        project.LastAnalysis = DateTimeOffset.UtcNow;
        var first = PortfolioSeed.Component(project.Id, "first");
        var second = PortfolioSeed.Component(project.Id, "second");
        var cve = PortfolioSeed.Vulnerability("NVD", "CVE-2025-1", "HIGH");
        var ghsa = PortfolioSeed.Vulnerability("GITHUB", "GHSA-aaaa-bbbb-cccc", "CRITICAL", """[{"source":"NVD","vulnId":"CVE-2025-1"}]""");
        await SeedAsync(db =>
        {
            db.Projects.Add(project);
            db.Components.AddRange(first, second);
            db.Vulnerabilities.AddRange(cve, ghsa);
            db.Findings.AddRange(PortfolioSeed.Finding(first, cve), PortfolioSeed.Finding(first, ghsa), PortfolioSeed.Finding(second, cve));
        });

        var metrics = await MetricsAsync(project.Id);

        // first: GHSA (critical) counted, its alias CVE skipped; second: CVE (high) counted.
        Assert.Equal((1, 1, 0, 0, 0), MetricsTests.Severities(metrics));
        Assert.Equal((2, 2), (metrics["vulnerabilities"]!.GetValue<int>(), metrics["vulnerableComponents"]!.GetValue<int>()));
        Assert.Equal(15.0, metrics["inheritedRiskScore"]!.GetValue<double>());
    }

    [Fact]
    public async Task Info_counts_as_low_and_unassigned_weighs_five_and_resolved_findings_do_not_count()
    {
        var project = PortfolioSeed.Project("weights");
        project.LastAnalysis = DateTimeOffset.UtcNow;
        var component = PortfolioSeed.Component(project.Id, "lib");
        var info = PortfolioSeed.Vulnerability("NVD", "CVE-2025-2", "INFO");
        var unassigned = PortfolioSeed.Vulnerability("NVD", "CVE-2025-3", "UNASSIGNED");
        var medium = PortfolioSeed.Vulnerability("NVD", "CVE-2025-4", "MEDIUM");
        var resolved = PortfolioSeed.Vulnerability("NVD", "CVE-2025-5", "CRITICAL");
        await SeedAsync(db =>
        {
            db.Projects.Add(project);
            db.Components.Add(component);
            db.Vulnerabilities.AddRange(info, unassigned, medium, resolved);
            db.Findings.AddRange(PortfolioSeed.Finding(component, info), PortfolioSeed.Finding(component, unassigned),
                PortfolioSeed.Finding(component, medium), PortfolioSeed.Finding(component, resolved, resolvedOn: DateTimeOffset.UtcNow));
        });

        var metrics = await MetricsAsync(project.Id);

        Assert.Equal((0, 0, 1, 1, 1), MetricsTests.Severities(metrics));
        Assert.Equal(3, metrics["vulnerabilities"]!.GetValue<int>());
        Assert.Equal(3.0 + 1.0 + 5.0, metrics["inheritedRiskScore"]!.GetValue<double>());
    }

    public async Task InitializeAsync() => _app = await AnalysisHost.StartAsync(storage, trivy: null);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task SeedAsync(Action<Data.DepwatchDbContext> seed)
    {
        await using var db = await PortfolioSeed.ContextAsync(_app);
        seed(db);
        await db.SaveChangesAsync();
    }

    private Task<JsonObject> MetricsAsync(Guid projectId) =>
        new PortfolioClient(_app.CreateClient()).MetricsAsync(projectId.ToString());
}

public sealed class MetricsCountingOnSqlite() : MetricsCountingTests(StorageKind.Sqlite);

public sealed class MetricsCountingOnPostgres() : MetricsCountingTests(StorageKind.Postgres);
