namespace Depwatch.Server.Jobs;

/// <summary>
/// Wakes this instance's idle workers when a job was queued here, so that an upload is picked up at once instead of
/// at the next poll; jobs queued by other instances sharing the database are still found by polling.
/// </summary>
internal class JobSignal
{
    private TaskCompletionSource _queued = NewSource();

    /// <summary>Completes at the next <see cref="Notify"/>; take it before looking for work, so that no notice is missed.</summary>
    public Task NextQueued => Volatile.Read(ref _queued).Task;

    public void Notify() => Interlocked.Exchange(ref _queued, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Wakes this instance's notification delivery worker when a notification was queued here.</summary>
internal sealed class NotificationSignal : JobSignal;
