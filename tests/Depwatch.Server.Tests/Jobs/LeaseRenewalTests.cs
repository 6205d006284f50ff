using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.FakeTwirp;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>
/// A short lease is renewed for as long as its job runs: a Trivy scan that lasts several leases keeps its job, which runs
/// once, and no other worker takes it over; an ingest's work is committed with its completion, so it counts once.
/// </summary>
public abstract class LeaseRenewalTests(StorageKind storage, TrivyServerFixture trivy, ITestOutputHelper output)
{
    private const string ScanPath = "/twirp/trivy.scanner.v1.Scanner/Scan";
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(1);

    // Long enough that a loaded machine's scheduling pauses do not make the worker miss a renewal.
    private static readonly TimeSpan s_scanLease = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_trivy_scan_lasting_several_leases_keeps_its_job_which_runs_once()
    {
        await using var slowTrivy = await DelayingProxy.StartAsync(trivy.BaseUrl, path => path == ScanPath ? s_scanLease * 4 : TimeSpan.Zero);
        var warnings = new LogRecorder(LogLevel.Warning);
        await using var app = await StartAsync(warnings, s_scanLease, new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:Enabled"] = "true",
            ["Depwatch:Trivy:BaseUrl"] = slowTrivy.BaseUrl.ToString(),
            ["Depwatch:Trivy:ApiToken"] = trivy.Token,
            ["Depwatch:Trivy:TokenHeader"] = trivy.TokenHeader,
        });
        var client = app.CreateClient();

        var token = await BomApi.TokenAsync(await BomApi.PutAsync(client, TestBoms.DebianAndNpm(), "slow-scan"));
        await BomApi.WaitUntilProcessedAsync(client, token);

        var project = (await BomApi.ProjectAsync(app, "slow-scan"))!;
        await using var db = JobDatabase.Open(app);
        var analysis = await db.Jobs.AsNoTracking().SingleAsync(j => j.Token == token && j.Kind == JobKinds.AnalyzeProject);
        Assert.Equal((JobStates.Succeeded, 0), (analysis.State, analysis.Attempts));
        Assert.Equal(1, await db.AnalysisRuns.CountAsync(r => r.ProjectId == project.Id));
        Assert.Equal("SUCCEEDED", project.LastAnalysisState);
        Assert.True(analysis.Finished - analysis.Created > s_scanLease * 3, $"the analysis took {analysis.Finished - analysis.Created}");
        Assert.DoesNotContain(warnings.Entries, e => e.Contains("lost its lease", StringComparison.Ordinal));
    }

    /// <summary>
    /// On SQLite a long write holds up the renewals, and on a starved machine a one-second lease may run out all the
    /// same: then another worker takes the ingest over. Either way its work is committed once, with its completion.
    /// </summary>
    [Fact]
    public async Task An_ingest_lasting_several_leases_is_committed_once()
    {
        var warnings = new LogRecorder(LogLevel.Warning);
        await using var app = await StartAsync(warnings, s_lease, new Dictionary<string, string?>());
        var client = app.CreateClient();
        var path = BomBuilder.LargeBom(70_000);
        string bom;
        try
        {
            bom = await File.ReadAllTextAsync(path);
        }
        finally
        {
            File.Delete(path);
        }

        var token = await BomApi.TokenAsync(await BomApi.PostAsync(client, bom, "slow-ingest"));
        await BomApi.WaitUntilProcessedAsync(client, token);

        await using var db = JobDatabase.Open(app);
        var ingest = await db.Jobs.AsNoTracking().SingleAsync(j => j.Token == token && j.Kind == JobKinds.IngestBom);
        output.WriteLine($"{storage}: the ingest took {ingest.Finished - ingest.Created}");
        Assert.Equal((JobStates.Succeeded, 0), (ingest.State, ingest.Attempts));
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Token == token && j.Kind == JobKinds.AnalyzeProject));
        Assert.True(ingest.Finished - ingest.Created > s_lease * 2, $"the ingest took only {ingest.Finished - ingest.Created}: too short to tell");
        var project = (await BomApi.ProjectAsync(app, "slow-ingest"))!;
        Assert.Equal(70_000, await db.Components.CountAsync(c => c.ProjectId == project.Id));
    }

    private Task<DepwatchApplication> StartAsync(LogRecorder warnings, TimeSpan lease, Dictionary<string, string?> settings)
    {
        settings["Depwatch:Analysis:Lease"] = lease.ToString();
        return DepwatchApplication.StartAsync(storage, settings, services: s => s.AddSingleton<ILoggerProvider>(warnings));
    }
}

[Collection(TrivyCollection.Name)]
public sealed class LeaseRenewalOnSqlite(TrivyServerFixture trivy, ITestOutputHelper output) : LeaseRenewalTests(StorageKind.Sqlite, trivy, output);

[Collection(TrivyCollection.Name)]
public sealed class LeaseRenewalOnPostgres(TrivyServerFixture trivy, ITestOutputHelper output) : LeaseRenewalTests(StorageKind.Postgres, trivy, output);
