namespace Depwatch.Server.Analysis;

/// <summary>
/// Keeps the metrics history current without anyone asking: every hour, today's rows of every active project and of
/// the portfolio are recorded again (an analysis records its project's row at once).
/// </summary>
internal sealed partial class MetricsHistoryRecorder(MetricsHistory history, TimeProvider time, ILogger<MetricsHistoryRecorder> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await history.RecordPortfolioAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next hour tries again; a database hiccup must not stop the history for good.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 113, Level = LogLevel.Error, Message = "Could not record the portfolio's metrics; trying again in an hour.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
