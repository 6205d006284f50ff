using System.Collections.Concurrent;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>One instance running the queue: outcomes, retries, unknown kinds, expired leases, shutdown.</summary>
public abstract class JobQueueTests(StorageKind storage)
{
    private const string TestKind = "TEST_JOB";

    [Fact]
    public async Task A_job_that_succeeds_is_recorded_and_its_token_stops_processing()
    {
        var ran = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var app = await DepwatchApplication.StartAsync(storage, services: TestJobHandler.Register(TestKind, async (_, _) =>
        {
            ran.TrySetResult();
            await release.Task;
        }));
        var queue = app.Services.GetRequiredService<IJobQueue>();
        var token = await JobDatabase.EnqueueAsync(app, TestKind, await JobDatabase.AddProjectAsync(app));

        await ran.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await queue.IsProcessingAsync(token, CancellationToken.None));
        Assert.Equal(JobStates.Running, (await JobDatabase.JobAsync(app, token)).State);
        release.SetResult();
        await JobDatabase.WaitForJobStateAsync(app, token, JobStates.Succeeded);

        var job = await JobDatabase.JobAsync(app, token);
        Assert.False(await queue.IsProcessingAsync(token, CancellationToken.None));
        Assert.NotNull(job.Finished);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LeaseOwner);
        Assert.Null((await JobDatabase.ProjectAsync(app, job.ProjectId)).LeaseOwner);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_a_growing_delay_until_it_succeeds()
    {
        var runs = new ConcurrentQueue<DateTimeOffset>();
        await using var app = await DepwatchApplication.StartAsync(storage, services: TestJobHandler.Register(TestKind, (_, _) =>
        {
            runs.Enqueue(DateTimeOffset.UtcNow);
            return runs.Count <= 2 ? throw new HttpRequestException("Trivy is down") : Task.CompletedTask;
        }));
        var token = await JobDatabase.EnqueueAsync(app, TestKind, await JobDatabase.AddProjectAsync(app));

        await JobDatabase.WaitForJobStateAsync(app, token, JobStates.Succeeded);

        var job = await JobDatabase.JobAsync(app, token);
        var times = runs.ToArray();
        Assert.Equal(3, times.Length);
        Assert.Equal(2, job.Attempts);
        Assert.Contains("Trivy is down", job.LastError);
        // RetryBaseDelay is 200 ms in the test application: 200 ms before the second run, 400 ms before the third.
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(190), $"second run after {times[1] - times[0]}");
        Assert.True(times[2] - times[1] >= TimeSpan.FromMilliseconds(390), $"third run after {times[2] - times[1]}");
    }

    [Fact]
    public async Task Transient_failures_never_fail_the_job()
    {
        await using var app = await DepwatchApplication.StartAsync(
            storage,
            new Dictionary<string, string?> { ["Depwatch:Analysis:RetryBaseDelay"] = "00:00:00.010", ["Depwatch:Analysis:RetryMaxDelay"] = "00:00:00.040" },
            services: TestJobHandler.Register(TestKind, (_, _) => throw new TimeoutException("Trivy did not answer")));
        var token = await JobDatabase.EnqueueAsync(app, TestKind, await JobDatabase.AddProjectAsync(app));

        await JobDatabase.WaitUntilAsync(async () => (await JobDatabase.JobAsync(app, token)).Attempts >= 8, "the job failed 8 times");

        var job = await JobDatabase.JobAsync(app, token);
        Assert.Contains(job.State, new[] { JobStates.Queued, JobStates.Running });
        Assert.True(await app.Services.GetRequiredService<IJobQueue>().IsProcessingAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_other_than_an_outage_is_tried_max_attempts_times_then_fails_for_good()
    {
        var runs = 0;
        await using var app = await DepwatchApplication.StartAsync(storage, services: TestJobHandler.Register(TestKind, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            throw new InvalidOperationException("a defect that never goes away");
        }));
        var token = await JobDatabase.EnqueueAsync(app, TestKind, await JobDatabase.AddProjectAsync(app));

        await JobDatabase.WaitForJobStateAsync(app, token, JobStates.Failed);
        await Task.Delay(500);

        var job = await JobDatabase.JobAsync(app, token);
        Assert.Equal(3, runs);
        Assert.Equal(3, job.Attempts);
        Assert.Equal("Failed 3 times; the last time: InvalidOperationException: a defect that never goes away", job.LastError);
        Assert.False(await app.Services.GetRequiredService<IJobQueue>().IsProcessingAsync(token, CancellationToken.None));
        Assert.Null((await JobDatabase.ProjectAsync(app, job.ProjectId)).LeaseOwner);
    }

    [Fact]
    public async Task A_permanent_failure_fails_the_job_with_its_message()
    {
        var runs = 0;
        await using var app = await DepwatchApplication.StartAsync(storage, services: TestJobHandler.Register(TestKind, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            throw new PermanentJobFailure("the BOM cannot be read");
        }));
        var token = await JobDatabase.EnqueueAsync(app, TestKind, await JobDatabase.AddProjectAsync(app));

        await JobDatabase.WaitForJobStateAsync(app, token, JobStates.Failed);
        await Task.Delay(500);

        var job = await JobDatabase.JobAsync(app, token);
        Assert.Equal("the BOM cannot be read", job.LastError);
        Assert.Equal(JobStates.Failed, job.State);
        Assert.Equal(1, runs);
        Assert.False(await app.Services.GetRequiredService<IJobQueue>().IsProcessingAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_job_of_a_kind_no_handler_runs_stays_queued_and_blocks_nothing_else()
    {
        await using var app = await DepwatchApplication.StartAsync(storage, services: TestJobHandler.Register(TestKind, (_, _) => Task.CompletedTask));
        var project = await JobDatabase.AddProjectAsync(app);
        var unknown = await JobDatabase.EnqueueAsync(app, "TEST_NOBODY_HANDLES_THIS", project);
        var known = await JobDatabase.EnqueueAsync(app, TestKind, project);

        await JobDatabase.WaitForJobStateAsync(app, known, JobStates.Succeeded);
        await Task.Delay(500);

        var job = await JobDatabase.JobAsync(app, unknown);
        Assert.Equal(JobStates.Queued, job.State);
        Assert.Equal(0, job.Attempts);
        Assert.Null(job.LastError);
    }

    [Fact]
    public async Task A_running_job_whose_lease_expired_is_taken_over_but_a_live_one_is_not()
    {
        var ran = new ConcurrentBag<Guid>();
        await using var app = await DepwatchApplication.StartAsync(storage, services: TestJobHandler.Register(TestKind, (job, _) =>
        {
            ran.Add(job.Token);
            return Task.CompletedTask;
        }));
        var abandoned = await AddRunningJobAsync(app, leaseExpires: DateTimeOffset.UtcNow.AddMinutes(-1));
        var alive = await AddRunningJobAsync(app, leaseExpires: DateTimeOffset.UtcNow.AddMinutes(10));

        await JobDatabase.WaitForJobStateAsync(app, abandoned, JobStates.Succeeded);
        await Task.Delay(500);

        Assert.Equal([abandoned], ran.ToArray());
        Assert.Equal(JobStates.Running, (await JobDatabase.JobAsync(app, alive)).State);
    }

    [Fact]
    public async Task A_job_interrupted_by_shutdown_is_queued_again_and_finished_by_the_next_instance()
    {
        await using var shared = await SharedStorage.CreateAsync(storage);
        var started = new TaskCompletionSource();
        Guid token;
        Guid project;
        await using (var first = await shared.StartInstanceAsync(services: TestJobHandler.Register(TestKind, async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        })))
        {
            project = await JobDatabase.AddProjectAsync(first);
            token = await JobDatabase.EnqueueAsync(first, TestKind, project);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        await using var idle = await shared.StartInstanceAsync(new Dictionary<string, string?> { ["Depwatch:Analysis:RunJobs"] = "false" });
        var interrupted = await JobDatabase.JobAsync(idle, token);
        Assert.Equal(JobStates.Queued, interrupted.State);
        Assert.Equal(0, interrupted.Attempts);
        Assert.Null(interrupted.LeaseOwner);
        Assert.Null((await JobDatabase.ProjectAsync(idle, project)).LeaseOwner);

        await using var second = await shared.StartInstanceAsync(services: TestJobHandler.Register(TestKind, (_, _) => Task.CompletedTask));
        await JobDatabase.WaitForJobStateAsync(second, token, JobStates.Succeeded);
    }

    [Fact]
    public void Retry_delays_double_from_the_base_up_to_the_maximum()
    {
        var (baseDelay, maxDelay) = (TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));

        var delays = Enumerable.Range(1, 10).Select(attempt => JobStore.RetryDelay(attempt, baseDelay, maxDelay).TotalSeconds).ToArray();

        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 600, 600, 600], delays);
        Assert.Equal(maxDelay, JobStore.RetryDelay(int.MaxValue, baseDelay, maxDelay));
    }

    /// <summary>A job that a vanished instance left RUNNING, its project leased to the same owner until <paramref name="leaseExpires"/>.</summary>
    private static async Task<Guid> AddRunningJobAsync(DepwatchApplication app, DateTimeOffset leaseExpires)
    {
        var token = Guid.NewGuid();
        await using var db = JobDatabase.Open(app);
        var project = new ProjectEntity
        {
            Id = Guid.NewGuid(), Name = $"project-{token:N}", Created = DateTimeOffset.UtcNow, LeaseOwner = "gone", LeaseExpires = leaseExpires,
        };
        db.Projects.Add(project);
        db.Jobs.Add(new JobEntity
        {
            Kind = TestKind, ProjectId = project.Id, Token = token, State = JobStates.Running, LeaseOwner = "gone", LeaseExpires = leaseExpires,
            NotBefore = DateTimeOffset.UtcNow.AddMinutes(-2), Created = DateTimeOffset.UtcNow.AddMinutes(-2),
        });
        await db.SaveChangesAsync();
        return token;
    }
}

public sealed class JobQueueOnSqlite() : JobQueueTests(StorageKind.Sqlite);

public sealed class JobQueueOnPostgres() : JobQueueTests(StorageKind.Postgres);
