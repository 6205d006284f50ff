using System.Collections.Concurrent;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>Two instances sharing one database and its queue.</summary>
public abstract class JobInstancesTests(StorageKind storage)
{
    private const string SlowKind = "TEST_SLOW";

    [Fact]
    public async Task Two_instances_share_the_queue_and_never_run_two_jobs_of_a_project_at_once()
    {
        var tracker = new ProjectConcurrencyTracker();
        await using var shared = await SharedStorage.CreateAsync(storage);
        var settings = new Dictionary<string, string?> { ["Depwatch:Analysis:Workers"] = "4" };
        await using var first = await shared.StartInstanceAsync(settings, TestJobHandler.Register(SlowKind, (job, _) => tracker.RunAsync(job, "first")));
        await using var second = await shared.StartInstanceAsync(settings, TestJobHandler.Register(SlowKind, (job, _) => tracker.RunAsync(job, "second")));
        var projects = new List<Guid>();
        for (var index = 0; index < 6; index++)
        {
            projects.Add(await JobDatabase.AddProjectAsync(first));
        }
        // Queued at once, so that the workers of both instances compete for the jobs of every project.
        var tokens = await EnqueueTogetherAsync(first, projects, jobsPerProject: 3);

        await JobDatabase.WaitUntilAsync(
            async () => (await JobDatabase.JobsAsync(first)).All(j => j.State == JobStates.Succeeded), "every job succeeded", TimeSpan.FromSeconds(60));

        Assert.Equal(0, tracker.Overlaps);
        Assert.Equal(tokens.Order(), tracker.Runs.Select(r => r.Token).Order());
        Assert.Equal(["first", "second"], tracker.Runs.Select(r => r.Instance).Distinct().Order());
    }

    [Fact]
    public async Task A_job_running_longer_than_its_lease_keeps_it_and_runs_once()
    {
        var runs = new ConcurrentBag<string>();
        await using var shared = await SharedStorage.CreateAsync(storage);
        var settings = new Dictionary<string, string?> { ["Depwatch:Analysis:Lease"] = "00:00:01" };
        Func<string, Action<IServiceCollection>> slowHandler = instance =>
            TestJobHandler.Register(SlowKind, async (_, cancellationToken) =>
            {
                runs.Add(instance);
                await Task.Delay(TimeSpan.FromSeconds(3.5), cancellationToken);
            });
        await using var first = await shared.StartInstanceAsync(settings, slowHandler("first"));
        await using var second = await shared.StartInstanceAsync(settings, slowHandler("second"));

        var token = await JobDatabase.EnqueueAsync(first, SlowKind, await JobDatabase.AddProjectAsync(first));
        await JobDatabase.WaitForJobStateAsync(first, token, JobStates.Succeeded);

        Assert.Single(runs);
        Assert.Equal(0, (await JobDatabase.JobAsync(first, token)).Attempts);
    }

    private static async Task<List<Guid>> EnqueueTogetherAsync(DepwatchApplication app, List<Guid> projects, int jobsPerProject)
    {
        var queue = app.Services.GetRequiredService<IJobQueue>();
        await using var db = JobDatabase.Open(app);
        var tokens = new List<Guid>();
        for (var round = 0; round < jobsPerProject; round++)
        {
            foreach (var project in projects)
            {
                tokens.Add(queue.Enqueue(db, SlowKind, project, Guid.NewGuid(), null).Token);
            }
        }
        await db.SaveChangesAsync();
        return tokens;
    }

    /// <summary>Counts how many jobs of each project run at a moment, and remembers every run.</summary>
    private sealed class ProjectConcurrencyTracker
    {
        private readonly ConcurrentDictionary<Guid, int> _running = new();
        private int _overlaps;

        public ConcurrentBag<(Guid Token, string Instance)> Runs { get; } = [];

        public int Overlaps => _overlaps;

        public async Task RunAsync(JobEntity job, string instance)
        {
            Runs.Add((job.Token, instance));
            if (_running.AddOrUpdate(job.ProjectId, 1, (_, count) => count + 1) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }
            await Task.Delay(500);
            _running.AddOrUpdate(job.ProjectId, 0, (_, count) => count - 1);
        }
    }
}

public sealed class JobInstancesOnSqlite() : JobInstancesTests(StorageKind.Sqlite);

public sealed class JobInstancesOnPostgres() : JobInstancesTests(StorageKind.Postgres);
