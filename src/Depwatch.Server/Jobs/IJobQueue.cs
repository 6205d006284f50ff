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

    /// <summary>Whether any job carrying <paramref name="token"/> is still queued or running.</summary>
    Task<bool> IsProcessingAsync(Guid token, CancellationToken cancellationToken);
}
