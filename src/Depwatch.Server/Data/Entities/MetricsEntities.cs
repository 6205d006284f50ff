namespace Depwatch.Server.Data.Entities;

/// <summary>The counts a day's metrics row holds, as <see cref="Analysis.FindingMetrics"/> computes them.</summary>
public abstract class MetricsCountsColumns
{
    /// <summary>The UTC day the row describes: one row per day, the day's last recording.</summary>
    public DateOnly Day { get; set; }

    public int Critical { get; set; }
    public int High { get; set; }
    public int Medium { get; set; }
    public int Low { get; set; }
    public int Unassigned { get; set; }
    public int Vulnerabilities { get; set; }
    public int VulnerableComponents { get; set; }
    public int Components { get; set; }
    public int Suppressed { get; set; }
    public int Audited { get; set; }

    /// <summary>Open, unsuppressed policy violations, as <see cref="Analysis.ViolationMetrics"/> counts them.</summary>
    public int PolicyViolationsFail { get; set; }
    public int PolicyViolationsWarn { get; set; }
    public int PolicyViolationsInfo { get; set; }
    public int PolicyViolationsSecurityTotal { get; set; }
    public int PolicyViolationsSecurityAudited { get; set; }
    public int PolicyViolationsLicenseTotal { get; set; }
    public int PolicyViolationsLicenseAudited { get; set; }
    public int PolicyViolationsOperationalTotal { get; set; }
    public int PolicyViolationsOperationalAudited { get; set; }

    /// <summary>The day's first and last recording.</summary>
    public DateTimeOffset FirstOccurrence { get; set; }

    public DateTimeOffset LastOccurrence { get; set; }
}

/// <summary>A project's metrics on one day: the history behind <c>/metrics/project/{uuid}/days/{n}</c>.</summary>
public sealed class ProjectMetricsEntity : MetricsCountsColumns
{
    public long Id { get; set; }
    public Guid ProjectId { get; set; }
}

/// <summary>The portfolio's metrics on one day (the sum over its active projects).</summary>
public sealed class PortfolioMetricsEntity : MetricsCountsColumns
{
    public int Projects { get; set; }
    public int VulnerableProjects { get; set; }
}
