using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Jobs;

/// <summary>
/// Runs one kind of job. Throwing <see cref="PermanentJobFailure"/> fails the job for good; any other
/// exception is retried later with capped exponential backoff, so nothing acknowledged is lost.
/// The worker holds the project's lease while a handler runs: one job per project at a time.
/// </summary>
public interface IJobHandler
{
    /// <summary>One of <see cref="JobKinds"/>.</summary>
    string Kind { get; }

    Task RunAsync(JobEntity job, CancellationToken cancellationToken);
}
