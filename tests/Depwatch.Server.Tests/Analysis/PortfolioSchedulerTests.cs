using Depwatch.Server.Analysis;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>The portfolio schedule queues each active project with components once, never behind an analysis already waiting.</summary>
public abstract class PortfolioSchedulerTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication? _app;

    [Fact]
    public async Task Active_projects_with_components_and_no_waiting_analysis_are_queued_each_with_a_fresh_token()
    {
        _app = await StartAsync(cadence: null);
        var due = await SeedAsync("due", active: true, components: true, jobState: null);
        var inactive = await SeedAsync("inactive", active: false, components: true, jobState: null);
        var empty = await SeedAsync("empty", active: true, components: false, jobState: null);
        var waiting = await SeedAsync("waiting", active: true, components: true, jobState: JobStates.Queued);
        var running = await SeedAsync("running", active: true, components: true, jobState: JobStates.Running);
        var scheduler = _app.Services.GetRequiredService<PortfolioAnalysisScheduler>();

        var queued = await scheduler.EnqueueDueAnalysesAsync(CancellationToken.None);
        var again = await scheduler.EnqueueDueAnalysesAsync(CancellationToken.None);

        Assert.Equal(2, queued);
        Assert.Equal(0, again);
        var jobs = await QueuedAnalysesAsync();
        Assert.Equal(new[] { due, running, waiting }.Order(), jobs.Select(j => j.ProjectId).Order());
        Assert.Equal(3, jobs.Select(j => j.Token).Distinct().Count());
        Assert.DoesNotContain(jobs, j => j.ProjectId == inactive || j.ProjectId == empty);
    }

    [Fact]
    public async Task The_schedule_runs_at_the_configured_cadence()
    {
        _app = await StartAsync(cadence: "00:00:00.200");
        var due = await SeedAsync("due", active: true, components: true, jobState: null);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await QueuedAnalysesAsync()).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal([due], (await QueuedAnalysesAsync()).Select(j => j.ProjectId));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("60.00:00:00")]
    public async Task A_cadence_the_schedule_cannot_keep_stops_the_server_with_a_message_naming_the_setting(string cadence)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(cadence));

        Assert.Contains("Depwatch:Analysis:PortfolioCadence must be at least 0.1 s and at most 30 days", refused.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    // No workers: queued jobs stay queued for the test to see.
    private Task<DepwatchApplication> StartAsync(string? cadence) => AnalysisHost.StartAsync(storage, trivy: null, new Dictionary<string, string?>
    {
        ["Depwatch:Analysis:RunJobs"] = "false",
        ["Depwatch:Analysis:PortfolioCadence"] = cadence,
    });

    private async Task<Guid> SeedAsync(string name, bool active, bool components, string? jobState)
    {
        await using var db = await PortfolioSeed.ContextAsync(_app!);
        var project = PortfolioSeed.Project(name, active);
        db.Projects.Add(project);
        if (components)
        {
            db.Components.Add(PortfolioSeed.Component(project.Id, "lodash", "pkg:npm/lodash@4.17.4"));
        }
        if (jobState is not null)
        {
            db.Jobs.Add(new JobEntity
            {
                Kind = JobKinds.AnalyzeProject, ProjectId = project.Id, Token = Guid.NewGuid(), State = jobState,
                NotBefore = DateTimeOffset.UtcNow.AddHours(1), Created = DateTimeOffset.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        return project.Id;
    }

    private async Task<List<JobEntity>> QueuedAnalysesAsync()
    {
        await using var db = await PortfolioSeed.ContextAsync(_app!);
        return await db.Jobs.AsNoTracking().Where(j => j.Kind == JobKinds.AnalyzeProject && j.State == JobStates.Queued).ToListAsync();
    }
}

public sealed class PortfolioSchedulerOnSqlite() : PortfolioSchedulerTests(StorageKind.Sqlite);

public sealed class PortfolioSchedulerOnPostgres() : PortfolioSchedulerTests(StorageKind.Postgres);
