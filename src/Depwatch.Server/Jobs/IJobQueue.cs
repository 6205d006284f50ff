using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Jobs;

/// <summary>The durable job queue in the database.</summary>
public interface IJobQueue
{
    /// <summary>Queues a job; it is stored before this returns.</summary>
    Task EnqueueAsync(string kind, Guid projectId, Guid token, byte[]? payload, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a job to <paramref name="db"/> without saving it, so that it is stored in the same transaction as the
    /// caller's other changes (e.g. a BOM's ingestion and the analysis it queues). Call <see cref="Committed"/> once
    /// the transaction is committed.
    /// </summary>
    JobEntity Enqueue(DepwatchDbContext db, string kind, Guid projectId, Guid token, byte[]? payload);

    /// <summary>Jobs added with <see cref="Enqueue"/> are committed: idle workers look for them now rather than at their next poll.</summary>
    void Committed();

    /// <summary>
    /// The payload <paramref name="job"/> was queued with (e.g. an uploaded BOM), or null. A claimed job comes without it,
    /// as it may be large: its handler reads it when it needs it.
    /// </summary>
    Task<byte[]?> PayloadAsync(JobEntity job, CancellationToken cancellationToken);

    /// <summary>
    /// Records the running <paramref name="job"/> as succeeded in <paramref name="db"/>'s transaction, so that its work
    /// and its completion commit together: once the work is committed, the job can no longer be taken over and run
    /// again, however long the worker then takes to report back (on SQLite, a long transaction also holds up the
    /// worker's lease renewals).
    /// </summary>
    /// <exception cref="JobLeaseLostException">The job is no longer this worker's: roll the transaction back.</exception>
    Task CompleteAsync(DepwatchDbContext db, JobEntity job, CancellationToken cancellationToken);

    /// <summary>Whether any job carrying <paramref name="token"/> is still queued or running.</summary>
    Task<bool> IsProcessingAsync(Guid token, CancellationToken cancellationToken);
}
