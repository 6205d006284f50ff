using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Jobs;

/// <summary>
/// Runs one kind of job. Throwing <see cref="PermanentJobFailure"/> fails the job for good; an outage (see
/// <see cref="JobFailures.IsOutage"/>) is retried with capped exponential backoff until it ends, so nothing
/// acknowledged is lost; any other exception is retried up to <see cref="Options.AnalysisOptions.MaxAttempts"/> times.
/// The worker holds the project's lease while a handler runs: one job per project at a time.
/// </summary>
public interface IJobHandler
{
    /// <summary>One of <see cref="JobKinds"/>.</summary>
    string Kind { get; }

    Task RunAsync(JobEntity job, CancellationToken cancellationToken);

    /// <summary>The job failed for good with <paramref name="failure"/>: e.g. show the project why. Nothing by default.</summary>
    Task FailedForGoodAsync(JobEntity job, Exception failure, CancellationToken cancellationToken) => Task.CompletedTask;
}
