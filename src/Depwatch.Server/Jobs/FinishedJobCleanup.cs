using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Jobs;

/// <summary>
/// Deletes succeeded and permanently failed jobs once they are older than <see cref="AnalysisOptions.FinishedJobRetention"/>,
/// at start-up and then at least hourly. One set-based delete with a cutoff, so instances sharing a database may all
/// run it: whichever comes first deletes the rows, the others find nothing left.
/// </summary>
internal sealed partial class FinishedJobCleanup(
    IDbContextFactory<DepwatchDbContext> contexts, IOptions<AnalysisOptions> options, TimeProvider time, ILogger<FinishedJobCleanup> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_longestInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A short retention is swept as often as it lasts, so no row outlives it by more than one retention.
        var interval = options.Value.FinishedJobRetention < s_longestInterval ? options.Value.FinishedJobRetention : s_longestInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next sweep tries again; a database hiccup must not stop the clean-up for good.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many jobs were deleted.</returns>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.FinishedJobRetention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Jobs
            .Where(j => (j.State == JobStates.Succeeded || j.State == JobStates.Failed) && j.Finished < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted, cutoff);
        }
        return deleted;
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Deleted {Count} jobs that finished before {Cutoff:O}.")]
    private static partial void LogDeleted(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Could not delete old finished jobs; trying again at the next sweep.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
