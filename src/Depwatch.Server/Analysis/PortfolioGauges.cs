using System.Diagnostics.Metrics;
using Depwatch.Server.Data;
using Depwatch.Server.Observability;
using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Analysis;

/// <summary>
/// The gauges of <c>/metrics</c>: jobs in the queue by kind and state, and the portfolio's findings by severity. Both
/// are read from the database every <see cref="TelemetryOptions.MetricsSampleInterval"/> while metrics are on, so a
/// scrape only reads memory however large the portfolio is.
/// </summary>
internal sealed partial class PortfolioGauges : BackgroundService
{
    private readonly IDbContextFactory<DepwatchDbContext> _contexts;
    private readonly MetricsCalculator _metrics;
    private readonly IOptions<TelemetryOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PortfolioGauges> _logger;
    private volatile IReadOnlyList<Measurement<long>> _jobs = [];
    private volatile IReadOnlyList<Measurement<long>> _findings = [];

    public PortfolioGauges(
        IMeterFactory meters, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, IOptions<TelemetryOptions> options,
        TimeProvider time, ILogger<PortfolioGauges> logger)
    {
        (_contexts, _metrics, _options, _time, _logger) = (contexts, metrics, options, time, logger);
        var meter = meters.Create(DepwatchTelemetry.Name);
        meter.CreateObservableGauge("depwatch.jobs", () => _jobs, "{job}", "Jobs in the queue by kind and state");
        meter.CreateObservableGauge("depwatch.findings", () => _findings, "{finding}",
            "Unsuppressed findings of active projects by severity, as the portfolio metrics count them");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Value.MetricsEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(_options.Value.MetricsSampleInterval, _time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(_logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.GroupBy(j => new { j.Kind, j.State }).Select(g => new { g.Key.Kind, g.Key.State, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        _jobs = [.. jobs.Select(j => new Measurement<long>(j.Count, new("kind", j.Kind), new("state", j.State)))];
        var portfolio = (await _metrics.ForPortfolioAsync(cancellationToken)).Sum;
        _findings =
        [
            Severity("CRITICAL", portfolio.Critical), Severity("HIGH", portfolio.High), Severity("MEDIUM", portfolio.Medium),
            Severity("LOW", portfolio.Low), Severity("UNASSIGNED", portfolio.Unassigned),
        ];
    }

    private static Measurement<long> Severity(string severity, int count) => new(count, new KeyValuePair<string, object?>("severity", severity));

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "Could not count jobs and findings for the metrics; trying again shortly.")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
