using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Depwatch.Server.Observability;

/// <summary>
/// Depwatch's own traces and measurements, named <c>Depwatch</c>: jobs and the phases of an analysis (the queue's and
/// the portfolio's gauges are <see cref="Analysis.PortfolioGauges"/>). HTTP, database and runtime measurements come from
/// .NET's own sources (see <see cref="TelemetryExtensions"/>).
/// </summary>
internal sealed class DepwatchTelemetry
{
    public const string Name = "Depwatch";

    /// <summary>Traces: an upload's request, its ingest job, the analysis job it queues and Trivy's requests share one trace.</summary>
    public static readonly ActivitySource Activities = new(Name);

    // Jobs and phases last from milliseconds (a small ingest) to minutes (a 50,000-component analysis).
    private static readonly InstrumentAdvice<double> s_seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    private readonly Histogram<double> _jobDuration;
    private readonly Histogram<double> _analysisPhaseDuration;
    private readonly Counter<long> _notificationDeliveries;

    public DepwatchTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _jobDuration = meter.CreateHistogram("depwatch.job.duration", "s", "How long jobs ran, by kind and outcome", advice: s_seconds);
        _analysisPhaseDuration = meter.CreateHistogram(
            "depwatch.analysis.phase.duration", "s", "How long each phase of a project's analysis took: load, trivy, store", advice: s_seconds);
        _notificationDeliveries = meter.CreateCounter<long>(
            "depwatch.notification.deliveries", "{attempt}", "Notification delivery attempts by publisher and outcome");
    }

    /// <summary>The W3C trace context to continue in a job, or null outside a trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { Length: <= 55 } id } ? id : null;

    /// <summary>Starts the span of a job, continuing the trace of the request that queued it.</summary>
    public static Activity? StartJob(string kind, long jobId, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = Activities.StartActivity($"job {kind}", ActivityKind.Consumer, parent);
        activity?.SetTag("depwatch.job.kind", kind);
        activity?.SetTag("depwatch.job.id", jobId);
        return activity;
    }

    public void RecordJob(string kind, string outcome, TimeSpan duration) =>
        _jobDuration.Record(duration.TotalSeconds, new("kind", kind), new("outcome", outcome));

    /// <summary>One attempt to deliver a notification: <c>delivered</c>, <c>retry</c>, <c>given_up</c>.</summary>
    public void RecordNotification(string publisherClass, string outcome) =>
        _notificationDeliveries.Add(1, new("publisher", publisherClass[(publisherClass.LastIndexOf('.') + 1)..]), new("outcome", outcome));

    /// <summary>Times one phase of an analysis, as a span and a measurement; dispose it when the phase ends.</summary>
    public PhaseTimer AnalysisPhase(string phase) => new(this, phase, Activities.StartActivity($"analysis {phase}"));

    internal sealed class PhaseTimer(DepwatchTelemetry telemetry, string phase, Activity? activity) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose()
        {
            telemetry._analysisPhaseDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
            activity?.Dispose();
        }
    }
}
