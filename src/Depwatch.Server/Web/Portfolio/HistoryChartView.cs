using Depwatch.Server.Analysis;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>One bar of a history chart: the counts at a moment (suppressed findings and components included).</summary>
internal sealed record HistoryPoint(DateTimeOffset At, FindingMetrics Metrics);

/// <summary>
/// What a history chart draws: a project's latest analyses, or the portfolio's days. <see cref="Daily"/> labels the
/// bars by day rather than by time.
/// </summary>
internal sealed record HistoryChartView(IReadOnlyList<HistoryPoint> Points, bool Daily, string EmptyText)
{
    public const string NoAnalysesText = "No finished analyses yet. The chart starts with the first one: upload an SBOM or press Analyze now.";

    public string Unit => Daily ? "days" : "analyses";

    public string Label(HistoryPoint point) => point.At.ToString(Daily ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A project's successful analyses, oldest first.</summary>
    public static HistoryChartView FromRuns(IEnumerable<AnalysisRunEntity> runs) => new(
        [.. runs.Select(r => new HistoryPoint(r.Started,
            new FindingMetrics(r.Critical, r.High, r.Medium, r.Low, r.Unassigned, 0, 0, r.Components) { Suppressed = r.Suppressed }))],
        Daily: false, NoAnalysesText);

    /// <summary>The portfolio's recorded days, oldest first, with today's bar as the portfolio is now.</summary>
    public static HistoryChartView FromDays(IEnumerable<DayMetrics> days, FindingMetrics today, DateTimeOffset now)
    {
        var todayDate = DateOnly.FromDateTime(now.UtcDateTime);
        List<HistoryPoint> points = [.. days.Where(d => d.Day < todayDate).Select(d => new HistoryPoint(new DateTimeOffset(d.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), d.Metrics))];
        points.Add(new HistoryPoint(now, today));
        return new HistoryChartView(points, Daily: true, "");
    }
}
