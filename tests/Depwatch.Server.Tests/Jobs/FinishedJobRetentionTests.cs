using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>Succeeded and failed jobs are deleted once older than the retention; nothing still to do ever is.</summary>
public abstract class FinishedJobRetentionTests(StorageKind storage)
{
    private const string TestKind = "TEST_JOB";
    private static readonly TimeSpan s_week = TimeSpan.FromDays(7);

    [Fact]
    public async Task Finished_jobs_older_than_the_retention_are_deleted_and_unfinished_jobs_of_any_age_are_kept()
    {
        var clock = new AdjustableClock();
        await using var app = await StartWithoutWorkersAsync(clock);
        var now = clock.GetUtcNow();
        var project = await JobDatabase.AddProjectAsync(app);
        var oldSucceeded = await AddJobAsync(app, project, JobStates.Succeeded, now.AddDays(-30), finished: now - s_week - TimeSpan.FromMinutes(1));
        var oldFailed = await AddJobAsync(app, project, JobStates.Failed, now.AddDays(-30), finished: now.AddDays(-8));
        var recentSucceeded = await AddJobAsync(app, project, JobStates.Succeeded, now.AddDays(-30), finished: now.AddDays(-6));
        var recentFailed = await AddJobAsync(app, project, JobStates.Failed, now.AddDays(-1), finished: now.AddHours(-1));
        var queued = await AddJobAsync(app, project, JobStates.Queued, now.AddDays(-30));
        var retrying = await AddJobAsync(app, project, JobStates.Queued, now.AddDays(-30), attempts: 12);
        var running = await AddJobAsync(app, project, JobStates.Running, now.AddDays(-30));
        var cleanup = app.Services.GetRequiredService<FinishedJobCleanup>();

        await cleanup.DeleteExpiredAsync(CancellationToken.None);

        var left = await TokensAsync(app);
        Assert.DoesNotContain(oldSucceeded, left);
        Assert.DoesNotContain(oldFailed, left);
        Assert.Equal(new[] { recentSucceeded, recentFailed, queued, retrying, running }.Order(), left);

        // Two days on, the job that finished six days ago is past the week too.
        clock.Advance(TimeSpan.FromDays(2));
        await cleanup.DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(new[] { recentFailed, queued, retrying, running }.Order(), await TokensAsync(app));
    }

    [Fact]
    public async Task The_token_of_a_deleted_job_reads_as_not_processing_on_both_token_paths()
    {
        var clock = new AdjustableClock();
        await using var app = await StartWithoutWorkersAsync(clock);
        var now = clock.GetUtcNow();
        var project = await JobDatabase.AddProjectAsync(app);
        var deleted = await AddJobAsync(app, project, JobStates.Succeeded, now.AddDays(-9), finished: now.AddDays(-8));
        var retrying = await AddJobAsync(app, project, JobStates.Queued, now.AddDays(-9), attempts: 3);

        await app.Services.GetRequiredService<FinishedJobCleanup>().DeleteExpiredAsync(CancellationToken.None);

        Assert.DoesNotContain(await JobDatabase.JobsAsync(app), j => j.Token == deleted);
        var client = app.CreateClient();
        foreach (var path in new[] { "/api/v1/event/token", "/api/v1/bom/token" })
        {
            Assert.Equal("""{"processing":false}""", (await client.GetFromJsonAsync<JsonObject>($"{path}/{deleted}"))!.ToJsonString());
            Assert.Equal("""{"processing":true}""", (await client.GetFromJsonAsync<JsonObject>($"{path}/{retrying}"))!.ToJsonString());
        }
    }

    [Fact]
    public async Task Jobs_that_ran_here_are_deleted_by_the_periodic_sweep_once_the_retention_has_passed()
    {
        var settings = new Dictionary<string, string?> { ["Depwatch:Analysis:FinishedJobRetention"] = "00:00:01" };
        await using var app = await DepwatchApplication.StartAsync(storage, settings, services: services =>
        {
            services.AddSingleton<IJobHandler>(new TestJobHandler(TestKind, (_, _) => Task.CompletedTask));
            services.AddSingleton<IJobHandler>(new TestJobHandler("TEST_BROKEN", (_, _) => throw new PermanentJobFailure("unreadable")));
        });
        var project = await JobDatabase.AddProjectAsync(app);
        var succeeded = await JobDatabase.EnqueueAsync(app, TestKind, project);
        var failed = await JobDatabase.EnqueueAsync(app, "TEST_BROKEN", project);
        var waiting = await JobDatabase.EnqueueAsync(app, "TEST_NOBODY_HANDLES_THIS", project);

        await JobDatabase.WaitUntilAsync(
            async () => (await JobDatabase.JobsAsync(app)).Select(j => j.Token).SequenceEqual([waiting]), "only the waiting job is left");

        var queue = app.Services.GetRequiredService<IJobQueue>();
        Assert.False(await queue.IsProcessingAsync(succeeded, CancellationToken.None));
        Assert.False(await queue.IsProcessingAsync(failed, CancellationToken.None));
        Assert.True(await queue.IsProcessingAsync(waiting, CancellationToken.None));
    }

    // No workers: the seeded jobs keep the states the test gave them.
    private Task<DepwatchApplication> StartWithoutWorkersAsync(AdjustableClock clock) => DepwatchApplication.StartAsync(
        storage,
        new Dictionary<string, string?> { ["Depwatch:Analysis:RunJobs"] = "false" },
        services: services => services.AddSingleton<TimeProvider>(clock));

    private static async Task<List<Guid>> TokensAsync(DepwatchApplication app) =>
        (await JobDatabase.JobsAsync(app)).Select(j => j.Token).Order().ToList();

    private static async Task<Guid> AddJobAsync(
        DepwatchApplication app, Guid projectId, string state, DateTimeOffset created, DateTimeOffset? finished = null, int attempts = 0)
    {
        var token = Guid.NewGuid();
        await using var db = JobDatabase.Open(app);
        db.Jobs.Add(new JobEntity
        {
            Kind = TestKind, ProjectId = projectId, Token = token, State = state, Attempts = attempts, Created = created, Finished = finished,
            NotBefore = state == JobStates.Queued && attempts > 0 ? created.AddYears(1) : created,
            LastError = attempts > 0 || state == JobStates.Failed ? "Trivy is down" : null,
            LeaseOwner = state == JobStates.Running ? "elsewhere" : null,
            LeaseExpires = state == JobStates.Running ? created.AddYears(1) : null,
        });
        await db.SaveChangesAsync();
        return token;
    }
}

/// <summary>The retention must be at least a second; anything shorter stops the server at start-up.</summary>
public sealed class FinishedJobRetentionSettingTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.0001")]
    [InlineData("-1.00:00:00")]
    public async Task A_retention_shorter_than_a_second_stops_the_server_with_a_message_naming_the_setting(string retention)
    {
        var settings = new Dictionary<string, string?> { ["Depwatch:Analysis:FinishedJobRetention"] = retention };

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => DepwatchApplication.StartAsync(StorageKind.Sqlite, settings));

        Assert.Contains("Depwatch:Analysis:FinishedJobRetention must be at least a second", refused.Message);
    }
}

public sealed class FinishedJobRetentionOnSqlite() : FinishedJobRetentionTests(StorageKind.Sqlite);

public sealed class FinishedJobRetentionOnPostgres() : FinishedJobRetentionTests(StorageKind.Postgres);
