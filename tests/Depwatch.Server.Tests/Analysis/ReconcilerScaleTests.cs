using System.Diagnostics;
using Depwatch.Core.Findings;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>
/// Storing an analysis of 10,000 components with 10,000 findings takes seconds, first and again after a change,
/// because everything is read and written in batches rather than row by row.
/// </summary>
public abstract class ReconcilerScaleTests(StorageKind storage, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Components = 10_000;
    private const int Vulnerabilities = 2_000;
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(20);

    private DepwatchApplication _app = null!;

    [Fact]
    public async Task Ten_thousand_findings_are_stored_and_reconciled_in_seconds()
    {
        var project = PortfolioSeed.Project("large");
        var components = Enumerable.Range(0, Components).Select(i => PortfolioSeed.Component(project.Id, $"package-{i}", $"pkg:npm/package-{i}@1.0.0")).ToList();
        await using (var db = await PortfolioSeed.ContextAsync(_app))
        {
            db.Projects.Add(project);
            db.Components.AddRange(components);
            await db.SaveChangesAsync();
        }
        var reconciler = _app.Services.GetRequiredService<FindingReconciler>();
        var first = components.Select((c, i) => Finding(c, i % Vulnerabilities, fixedVersion: "1.0.1", title: "original")).ToList();

        var firstRun = await TimeAsync(() => reconciler.ReconcileAsync(project.Id, first, DateTimeOffset.UtcNow, CancellationToken.None));
        // 2,000 findings vanish, 2,000 get a new fixed version, 200 vulnerabilities get a new title.
        var second = components.Skip(2_000).Select((c, i) => Finding(c, (i + 2_000) % Vulnerabilities,
            fixedVersion: i < 2_000 ? "1.0.2" : "1.0.1", title: (i + 2_000) % Vulnerabilities < 200 ? "changed" : "original")).ToList();
        var resolvedAt = DateTimeOffset.UtcNow;
        var secondRun = await TimeAsync(() => reconciler.ReconcileAsync(project.Id, second, resolvedAt, CancellationToken.None));

        output.WriteLine($"{storage}: first {firstRun.TotalMilliseconds:0} ms, second {secondRun.TotalMilliseconds:0} ms");
        Assert.InRange(firstRun, TimeSpan.Zero, s_budget);
        Assert.InRange(secondRun, TimeSpan.Zero, s_budget);
        await using var check = await PortfolioSeed.ContextAsync(_app);
        var findings = await check.Findings.AsNoTracking().Where(f => f.ProjectId == project.Id).ToListAsync();
        Assert.Equal(Components, findings.Count);
        Assert.Equal(2_000, findings.Count(f => f.ResolvedOn is not null));
        Assert.Equal(2_000, findings.Count(f => f.ResolvedOn is null && f.FixedVersion == "1.0.2"));
        Assert.Equal(Vulnerabilities, await check.Vulnerabilities.CountAsync());
        Assert.Equal(200, await check.Vulnerabilities.CountAsync(v => v.Title == "changed"));
    }

    public async Task InitializeAsync() =>
        _app = await AnalysisHost.StartAsync(storage, trivy: null, new Dictionary<string, string?> { ["Depwatch:Analysis:RunJobs"] = "false" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Finding Finding(ComponentEntity component, int vulnerability, string fixedVersion, string title) => new(
        ComponentMapping.ToDomain(component),
        new Vulnerability
        {
            VulnId = $"CVE-2099-{vulnerability + 10_000}",
            Source = VulnerabilitySources.Nvd,
            Title = title,
            Description = "A vulnerability made up for a scale test.",
            Severity = (Severity)(vulnerability % 6),
            Cwes = [79],
            References = [$"https://nvd.nist.gov/vuln/detail/CVE-2099-{vulnerability + 10_000}"],
            Aliases = [new VulnerabilityAlias(VulnerabilitySources.GitHub, $"GHSA-xxxx-xxxx-{vulnerability:0000}")],
        },
        fixedVersion, FindingStatus.Fixed, "1.0.0", "TRIVY_ANALYZER");

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        await action();
        return stopwatch.Elapsed;
    }
}

public sealed class ReconcilerScaleOnSqlite(ITestOutputHelper output) : ReconcilerScaleTests(StorageKind.Sqlite, output);

public sealed class ReconcilerScaleOnPostgres(ITestOutputHelper output) : ReconcilerScaleTests(StorageKind.Postgres, output);
