using Depwatch.Server.Data.Entities;
using Depwatch.Server.Observability;
using Depwatch.Server.Options;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Jobs;

/// <summary>
/// Runs queued jobs: <see cref="AnalysisOptions.Workers"/> loops, each claiming one job at a time together with
/// its project's lease, running the <see cref="IJobHandler"/> for its kind, and recording the outcome.
/// </summary>
internal sealed partial class JobWorker(
    JobStore store, JobSignal signal, IServiceScopeFactory scopes, IOptions<AnalysisOptions> options, TimeProvider time,
    DepwatchTelemetry telemetry, ILogger<JobWorker> logger)
    : BackgroundService
{
    // Each loop owns its leases under its own name, so two loops of one instance never share a project either.
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.RunJobs)
        {
            LogNotRunningJobs(logger);
            return;
        }
        var kinds = HandledKinds();
        LogStarted(logger, options.Value.Workers, string.Join(", ", kinds));
        await Task.WhenAll(Enumerable.Range(1, options.Value.Workers).Select(n => RunLoopAsync($"{_instance}#{n}", kinds, stoppingToken)));
    }

    /// <summary>The kinds some handler runs; jobs of other kinds stay queued until an instance that handles them claims them.</summary>
    private string[] HandledKinds()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetServices<IJobHandler>().Select(h => h.Kind).Distinct(StringComparer.Ordinal).ToArray();
    }

    private async Task RunLoopAsync(string owner, string[] kinds, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var queued = signal.NextQueued;
            JobEntity? job = null;
            try
            {
                // Not cancelled by shutdown: a claim half made would leave the project leased until the lease expires.
                job = await store.TryClaimAsync(owner, kinds, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogClaimFailed(logger, e);
            }
            if (job is not null)
            {
                await RunAsync(job, owner, stoppingToken);
            }
            else if (!await WaitForWorkAsync(queued, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task RunAsync(JobEntity job, string owner, CancellationToken stoppingToken)
    {
        LogClaimed(logger, job.Id, job.Kind, job.ProjectId, job.Attempts);
        using var activity = DepwatchTelemetry.StartJob(job.Kind, job.Id, job.TraceParent);
        var started = time.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        // The last registration of a kind wins, as DI does for single services.
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().LastOrDefault(h => h.Kind == job.Kind);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var handlerDone = new CancellationTokenSource();
        var lease = KeepLeaseAsync(job, owner, running, handlerDone.Token);
        Exception? failure = null;
        try
        {
            if (handler is null)
            {
                throw new InvalidOperationException($"No handler for jobs of kind {job.Kind}.");
            }
            await handler.RunAsync(job, running.Token);
        }
        catch (Exception e)
        {
            failure = e;
        }
        await handlerDone.CancelAsync();
        var leaseKept = await lease;
        var outcome = "unrecorded";
        try
        {
            outcome = await RecordAsync(job, owner, handler, failure, leaseKept, stoppingToken.IsCancellationRequested);
        }
        catch (Exception e)
        {
            // The job stays RUNNING under a lease that will expire; then it is claimed and run again.
            LogRecordFailed(logger, e, job.Id);
        }
        activity?.SetTag("depwatch.job.outcome", outcome);
        telemetry.RecordJob(job.Kind, outcome, time.GetElapsedTime(started));
    }

    /// <summary>Records how the job ended; returns the outcome as the job-duration measurement names it.</summary>
    private async Task<string> RecordAsync(JobEntity job, string owner, IJobHandler? handler, Exception? failure, bool leaseKept, bool stopping)
    {
        var none = CancellationToken.None;
        if (!leaseKept)
        {
            LogLeaseLost(logger, job.Id, job.Kind);
            await store.ReleaseProjectAsync(job, owner, none);
            return "lease_lost";
        }
        switch (failure)
        {
            case null:
                await store.SucceedAsync(job, owner, none);
                LogSucceeded(logger, job.Id, job.Kind);
                return "succeeded";
            case PermanentJobFailure permanent:
                await FailForGoodAsync(job, owner, handler, permanent, permanent.Message);
                return "failed";
            case not null when stopping:
                await store.RequeueAsync(job, owner, none);
                LogInterrupted(logger, job.Id, job.Kind);
                return "interrupted";
            case not null when !JobFailures.IsOutage(failure) && job.Attempts + 1 >= options.Value.MaxAttempts:
                LogGivingUp(logger, failure, job.Id, job.Kind, job.Attempts + 1);
                await FailForGoodAsync(job, owner, handler, failure, $"Failed {job.Attempts + 1} times; the last time: {JobFailures.Describe(failure)}");
                return "failed";
            default:
                var next = await store.RetryLaterAsync(job, owner, JobFailures.Describe(failure), none);
                LogWillRetry(logger, failure, job.Id, job.Kind, job.Attempts + 1, next);
                return "retry";
        }
    }

    /// <summary>
    /// Lets the job's handler show the failure (e.g. on the project), then records it on the job, which then no longer
    /// blocks anything: a client that sees the token done reads the project's new state, not the one before.
    /// </summary>
    private async Task FailForGoodAsync(JobEntity job, string owner, IJobHandler? handler, Exception failure, string error)
    {
        if (handler is not null)
        {
            await handler.FailedForGoodAsync(job, failure, CancellationToken.None);
        }
        await store.FailAsync(job, owner, error, CancellationToken.None);
        LogFailed(logger, job.Id, job.Kind, error);
    }

    /// <summary>Renews the lease while the handler runs; cancels the handler and returns false once the job is no longer ours.</summary>
    private async Task<bool> KeepLeaseAsync(JobEntity job, string owner, CancellationTokenSource running, CancellationToken handlerDone)
    {
        var lease = options.Value.Lease;
        var lastRenewed = time.GetUtcNow();
        while (await PauseAsync(lease / 3, handlerDone))
        {
            try
            {
                if (!await store.RenewLeaseAsync(job, owner, CancellationToken.None))
                {
                    await running.CancelAsync();
                    return false;
                }
                lastRenewed = time.GetUtcNow();
            }
            catch (Exception e)
            {
                LogRenewFailed(logger, e, job.Id);
                // Once the lease may have run out, another instance may take the job: stop running it here.
                if (time.GetUtcNow() - lastRenewed >= lease)
                {
                    await running.CancelAsync();
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>Waits until a job is queued here or the poll interval has passed; false when cancelled first.</summary>
    private async Task<bool> WaitForWorkAsync(Task queued, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var poll = PauseAsync(options.Value.PollInterval, waiting.Token);
        await Task.WhenAny(queued, poll);
        await waiting.CancelAsync();
        return !stoppingToken.IsCancellationRequested;
    }

    /// <summary>Waits; false when cancelled first.</summary>
    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "This instance runs no jobs (Depwatch:Analysis:RunJobs is false).")]
    private static partial void LogNotRunningJobs(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Running jobs with {Workers} workers; kinds handled: {Kinds}.")]
    private static partial void LogStarted(ILogger logger, int workers, string kinds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not look for queued jobs; trying again shortly.")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Job {JobId} ({Kind}) of project {ProjectId} claimed after {Attempts} failed attempts.")]
    private static partial void LogClaimed(ILogger logger, long jobId, string kind, Guid projectId, int attempts);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Job {JobId} ({Kind}) succeeded.")]
    private static partial void LogSucceeded(ILogger logger, long jobId, string kind);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed for good: {Error}")]
    private static partial void LogFailed(ILogger logger, long jobId, string kind, string error);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed (attempt {Attempts}); it runs again at {NotBefore:O}.")]
    private static partial void LogWillRetry(ILogger logger, Exception exception, long jobId, string kind, int attempts, DateTimeOffset notBefore);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) was interrupted by shutdown and is queued again.")]
    private static partial void LogInterrupted(ILogger logger, long jobId, string kind);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) lost its lease to another instance; its outcome here is dropped.")]
    private static partial void LogLeaseLost(ILogger logger, long jobId, string kind);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Could not renew the lease of job {JobId}.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Job {JobId} ({Kind}) failed {Attempts} times for a reason that is not an outage; it is given up.")]
    private static partial void LogGivingUp(ILogger logger, Exception exception, long jobId, string kind, int attempts);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Could not record the outcome of job {JobId}; it runs again when its lease expires.")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, long jobId);
}
