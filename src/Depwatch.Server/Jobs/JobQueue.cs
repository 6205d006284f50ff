using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Observability;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Jobs;

/// <summary>The queue over the <c>Jobs</c> table; <see cref="JobWorker"/> runs what it holds.</summary>
internal sealed class JobQueue(IDbContextFactory<DepwatchDbContext> contexts, JobSignal signal, JobStore store, TimeProvider time) : IJobQueue
{
    public async Task EnqueueAsync(string kind, Guid projectId, Guid token, byte[]? payload, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        Enqueue(db, kind, projectId, token, payload);
        await db.SaveChangesAsync(cancellationToken);
        Committed();
    }

    public void Committed() => signal.Notify();

    public JobEntity Enqueue(DepwatchDbContext db, string kind, Guid projectId, Guid token, byte[]? payload)
    {
        var now = time.GetUtcNow();
        var job = new JobEntity
        {
            Kind = kind,
            ProjectId = projectId,
            Token = token,
            Payload = payload,
            State = JobStates.Queued,
            NotBefore = now,
            Created = now,
            TraceParent = DepwatchTelemetry.CurrentTraceParent(),
        };
        db.Jobs.Add(job);
        return job;
    }

    public async Task<byte[]?> PayloadAsync(JobEntity job, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.Where(j => j.Id == job.Id).Select(j => j.Payload).SingleAsync(cancellationToken);
    }

    public async Task CompleteAsync(DepwatchDbContext db, JobEntity job, CancellationToken cancellationToken)
    {
        if (job.LeaseOwner is not { } owner || !await store.SucceedAsync(db, job, owner, cancellationToken))
        {
            throw new JobLeaseLostException(job);
        }
    }

    public async Task<bool> IsProcessingAsync(Guid token, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AnyAsync(j => j.Token == token && (j.State == JobStates.Queued || j.State == JobStates.Running), cancellationToken);
    }
}
