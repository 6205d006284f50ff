namespace Depwatch.Server.Jobs;

/// <summary>The durable job queue in the database.</summary>
public interface IJobQueue
{
    /// <summary>Queues a job; it is stored before this returns.</summary>
    Task EnqueueAsync(string kind, Guid projectId, Guid token, byte[]? payload, CancellationToken cancellationToken);

    /// <summary>Whether any job carrying <paramref name="token"/> is still queued or running.</summary>
    Task<bool> IsProcessingAsync(Guid token, CancellationToken cancellationToken);
}
