using System.Linq.Expressions;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Jobs;

/// <summary>
/// The worker's side of the <c>Jobs</c> table: claiming a job together with its project's lease, keeping both
/// alive, and recording the outcome. Every change is a conditional single-row update whose affected-row count
/// says who won, so instances sharing one database never run two jobs of a project at once.
/// </summary>
internal sealed class JobStore(IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, IOptions<AnalysisOptions> options)
{
    private const int CandidatesPerClaim = 16;
    private const int MaxErrorLength = 4000;

    /// <summary>Claims the oldest runnable job of one of <paramref name="kinds"/> whose project is free; null when there is none.</summary>
    public async Task<JobEntity?> TryClaimAsync(string owner, IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One connection for the whole sequence rather than one per command.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + options.Value.Lease;
        foreach (var candidate in await FindCandidatesAsync(db, kinds, now, cancellationToken))
        {
            var projectLeased = await db.Projects
                .Where(p => p.Id == candidate.ProjectId && (p.LeaseExpires == null || p.LeaseExpires < now))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseOwner, owner).SetProperty(p => p.LeaseExpires, expires), cancellationToken);
            if (projectLeased == 0)
            {
                continue;
            }
            var jobClaimed = await db.Jobs.Where(j => j.Id == candidate.Id).Where(IsRunnable(now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, JobStates.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpires, expires), cancellationToken);
            if (jobClaimed == 1)
            {
                return await WithoutPayload(db.Jobs.Where(j => j.Id == candidate.Id)).SingleAsync(cancellationToken);
            }
            await ReleaseProjectAsync(db, candidate.ProjectId, owner, cancellationToken);
        }
        return null;
    }

    /// <summary>Pushes the job's and its project's lease forward; false when the job is no longer this owner's.</summary>
    public async Task<bool> RenewLeaseAsync(JobEntity job, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await RenewLeaseAsync(db, job, owner, cancellationToken);
    }

    /// <summary>Renews the lease on <paramref name="db"/>'s connection, so within the caller's transaction if it has one.</summary>
    public async Task<bool> RenewLeaseAsync(DepwatchDbContext db, JobEntity job, string owner, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow() + options.Value.Lease;
        var renewed = await HeldJob(db, job, owner).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpires, expires), cancellationToken);
        await db.Projects.Where(p => p.Id == job.ProjectId && p.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseExpires, expires), cancellationToken);
        return renewed == 1;
    }

    /// <summary>
    /// Marks the running job succeeded in <paramref name="db"/>'s transaction, keeping its owner until the worker
    /// releases it; false when the job is no longer this owner's.
    /// </summary>
    public async Task<bool> SucceedAsync(DepwatchDbContext db, JobEntity job, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await OwnedJob(db, job, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Succeeded)
            .SetProperty(j => j.Finished, now)
            .SetProperty(j => j.Payload, (byte[]?)null), cancellationToken) == 1;
    }

    public Task SucceedAsync(JobEntity job, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return FinishAsync(job, owner, jobs => jobs.ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Succeeded)
            .SetProperty(j => j.Finished, now)
            .SetProperty(j => j.Payload, (byte[]?)null)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpires, (DateTimeOffset?)null), cancellationToken), cancellationToken, includeCompleted: true);
    }

    public Task FailAsync(JobEntity job, string owner, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastError = Truncate(error);
        return FinishAsync(job, owner, jobs => jobs.ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Failed)
            .SetProperty(j => j.Attempts, j => j.Attempts + 1)
            .SetProperty(j => j.Finished, now)
            .SetProperty(j => j.LastError, lastError)
            .SetProperty(j => j.Payload, (byte[]?)null)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpires, (DateTimeOffset?)null), cancellationToken), cancellationToken);
    }

    /// <summary>Queues the job again after a transient failure, to run after a capped exponential backoff.</summary>
    /// <returns>When it will run next.</returns>
    public async Task<DateTimeOffset> RetryLaterAsync(JobEntity job, string owner, string error, CancellationToken cancellationToken)
    {
        var notBefore = time.GetUtcNow() + RetryDelay(job.Attempts + 1, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay);
        var lastError = Truncate(error);
        await FinishAsync(job, owner, jobs => jobs.ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Queued)
            .SetProperty(j => j.Attempts, j => j.Attempts + 1)
            .SetProperty(j => j.LastError, lastError)
            .SetProperty(j => j.NotBefore, notBefore)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpires, (DateTimeOffset?)null), cancellationToken), cancellationToken);
        return notBefore;
    }

    /// <summary>Queues a job that was interrupted (shutdown) or cannot run here, as it was: no attempt counted, no delay.</summary>
    public Task RequeueAsync(JobEntity job, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return FinishAsync(job, owner, jobs => jobs.ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobStates.Queued)
            .SetProperty(j => j.NotBefore, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpires, (DateTimeOffset?)null), cancellationToken), cancellationToken);
    }

    /// <summary>Gives up the project's lease without touching the job, e.g. after losing the job to another instance.</summary>
    public async Task ReleaseProjectAsync(JobEntity job, string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ReleaseProjectAsync(db, job.ProjectId, owner, cancellationToken);
    }

    /// <summary>The first retry waits <paramref name="baseDelay"/>, each further one twice as long, up to <paramref name="maxDelay"/>.</summary>
    public static TimeSpan RetryDelay(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 40);
        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, doublings), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static Expression<Func<JobEntity, bool>> IsRunnable(DateTimeOffset now) =>
        j => (j.State == JobStates.Queued && j.NotBefore <= now) || (j.State == JobStates.Running && j.LeaseExpires < now);

    private static Task<List<Candidate>> FindCandidatesAsync(
        DepwatchDbContext db, IReadOnlyCollection<string> kinds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kindList = kinds.ToList();
        return db.Jobs.AsNoTracking()
            .Where(IsRunnable(now))
            .Where(j => kindList.Contains(j.Kind))
            .Where(j => db.Projects.Any(p => p.Id == j.ProjectId && (p.LeaseExpires == null || p.LeaseExpires < now)))
            // A project's BOMs are ingested in upload order, so an older upload retried later never overwrites a newer one.
            .Where(j => j.Kind != JobKinds.IngestBom || !db.Jobs.Any(o =>
                o.ProjectId == j.ProjectId && o.Kind == JobKinds.IngestBom && o.Id < j.Id
                && (o.State == JobStates.Queued || o.State == JobStates.Running)))
            .OrderBy(j => j.Id)
            .Select(j => new Candidate(j.Id, j.ProjectId))
            .Take(CandidatesPerClaim)
            .ToListAsync(cancellationToken);
    }

    /// <param name="includeCompleted">Also a job its handler already recorded as succeeded (<see cref="SucceedAsync(DepwatchDbContext, JobEntity, string, CancellationToken)"/>).</param>
    private async Task FinishAsync(
        JobEntity job, string owner, Func<IQueryable<JobEntity>, Task<int>> updateJob, CancellationToken cancellationToken, bool includeCompleted = false)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await updateJob(includeCompleted ? HeldJob(db, job, owner) : OwnedJob(db, job, owner));
        await ReleaseProjectAsync(db, job.ProjectId, owner, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // A payload may be as large as the largest upload: it is read by the handler that needs it, when it needs it.
    private static IQueryable<JobEntity> WithoutPayload(IQueryable<JobEntity> jobs) => jobs.AsNoTracking().Select(j => new JobEntity
    {
        Id = j.Id, Kind = j.Kind, ProjectId = j.ProjectId, Token = j.Token, State = j.State, Attempts = j.Attempts, NotBefore = j.NotBefore,
        LeaseOwner = j.LeaseOwner, LeaseExpires = j.LeaseExpires, LastError = j.LastError, Created = j.Created, Finished = j.Finished,
        TraceParent = j.TraceParent,
    });

    private static IQueryable<JobEntity> OwnedJob(DepwatchDbContext db, JobEntity job, string owner) =>
        db.Jobs.Where(j => j.Id == job.Id && j.State == JobStates.Running && j.LeaseOwner == owner);

    /// <summary>The job while this owner holds it: running, or already completed by its handler and not yet released.</summary>
    private static IQueryable<JobEntity> HeldJob(DepwatchDbContext db, JobEntity job, string owner) =>
        db.Jobs.Where(j => j.Id == job.Id && (j.State == JobStates.Running || j.State == JobStates.Succeeded) && j.LeaseOwner == owner);

    private static Task<int> ReleaseProjectAsync(DepwatchDbContext db, Guid projectId, string owner, CancellationToken cancellationToken) =>
        db.Projects.Where(p => p.Id == projectId && p.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeaseOwner, (string?)null).SetProperty(p => p.LeaseExpires, (DateTimeOffset?)null), cancellationToken);

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];

    private sealed record Candidate(long Id, Guid ProjectId);
}
