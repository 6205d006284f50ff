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
    /// Renews the lease of the running <paramref name="job"/> in <paramref name="db"/>'s transaction, for a handler whose
    /// transaction is long: on SQLite, which has one writer, it holds up the worker's own renewals, and committed with a
    /// fresh lease the job cannot be taken over in the moment before they resume.
    /// </summary>
    Task KeepLeaseAsync(DepwatchDbContext db, JobEntity job, CancellationToken cancellationToken);

    /// <summary>Whether any job carrying <paramref name="token"/> is still queued or running.</summary>
    Task<bool> IsProcessingAsync(Guid token, CancellationToken cancellationToken);
}
