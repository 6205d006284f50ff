using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Analysis;

/// <summary>
/// New advisories are published every day: every <see cref="AnalysisOptions.PortfolioCadence"/>, each active project
/// with components is queued for analysis again, unless an analysis of it is already waiting.
/// </summary>
internal sealed partial class PortfolioAnalysisScheduler(
    IDbContextFactory<DepwatchDbContext> contexts, IJobQueue queue, IOptions<AnalysisOptions> options, TimeProvider time,
    ILogger<PortfolioAnalysisScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PortfolioCadence, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await EnqueueDueAnalysesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a database hiccup must not stop the schedule for good.
                LogFailed(logger, e);
            }
        }
    }

    /// <returns>How many analyses were queued.</returns>
    public async Task<int> EnqueueDueAnalysesAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Projects
                .Where(p => p.Active && db.Components.Any(c => c.ProjectId == p.Id))
                .Where(p => !db.Jobs.Any(j => j.ProjectId == p.Id && j.Kind == JobKinds.AnalyzeProject && j.State == JobStates.Queued))
                .Select(p => p.Id)
                .ToListAsync(cancellationToken);
        }
        foreach (var projectId in due)
        {
            await queue.EnqueueAsync(JobKinds.AnalyzeProject, projectId, Guid.NewGuid(), null, cancellationToken);
        }
        LogQueued(logger, due.Count);
        return due.Count;
    }

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Queued the scheduled analysis of {Count} projects.")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "Could not queue the scheduled portfolio analysis; trying again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
