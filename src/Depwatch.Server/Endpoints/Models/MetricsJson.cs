using Depwatch.Server.Analysis;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Dependency-Track's ProjectMetrics (<see cref="CollectionLogic"/> set) and PortfolioMetrics (<see cref="Projects"/>
/// set): every count always present.
/// </summary>
public sealed record MetricsJson
{
    public int Critical { get; init; }
    public int High { get; init; }
    public int Medium { get; init; }
    public int Low { get; init; }
    public int Unassigned { get; init; }
    public int Vulnerabilities { get; init; }
    public int VulnerableComponents { get; init; }
    public int Components { get; init; }
    public int Suppressed { get; init; }
    public int FindingsTotal { get; init; }
    public int FindingsAudited { get; init; }
    public int FindingsUnaudited { get; init; }
    public double InheritedRiskScore { get; init; }
    public int PolicyViolationsFail { get; init; }
    public int PolicyViolationsWarn { get; init; }
    public int PolicyViolationsInfo { get; init; }
    public int PolicyViolationsTotal { get; init; }
    public int PolicyViolationsAudited { get; init; }
    public int PolicyViolationsUnaudited { get; init; }
    public int PolicyViolationsSecurityTotal { get; init; }
    public int PolicyViolationsSecurityAudited { get; init; }
    public int PolicyViolationsSecurityUnaudited { get; init; }
    public int PolicyViolationsLicenseTotal { get; init; }
    public int PolicyViolationsLicenseAudited { get; init; }
    public int PolicyViolationsLicenseUnaudited { get; init; }
    public int PolicyViolationsOperationalTotal { get; init; }
    public int PolicyViolationsOperationalAudited { get; init; }
    public int PolicyViolationsOperationalUnaudited { get; init; }
    public int? Projects { get; init; }
    public int? VulnerableProjects { get; init; }
    public string? CollectionLogic { get; init; }
    public bool? CollectionLogicChanged { get; init; }
    public long FirstOccurrence { get; init; }
    public long LastOccurrence { get; init; }

    /// <param name="asOf">When these numbers were last brought up to date.</param>
    public static MetricsJson ForProject(FindingMetrics metrics, DateTimeOffset asOf) =>
        From(metrics, asOf) with { CollectionLogic = "NONE", CollectionLogicChanged = false };

    public static MetricsJson ForPortfolio(FindingMetrics metrics, int projects, int vulnerableProjects, DateTimeOffset asOf) =>
        From(metrics, asOf) with { Projects = projects, VulnerableProjects = vulnerableProjects };

    /// <summary>A day's row of the history: a project's, or the portfolio's when it counts projects.</summary>
    public static MetricsJson ForDay(DayMetrics day)
    {
        var json = day.Portfolio is var (projects, vulnerable)
            ? ForPortfolio(day.Metrics, projects, vulnerable, day.LastOccurrence)
            : ForProject(day.Metrics, day.LastOccurrence);
        return json with { FirstOccurrence = day.FirstOccurrence.ToUnixTimeMilliseconds() };
    }

    private static MetricsJson From(FindingMetrics metrics, DateTimeOffset asOf) => new()
    {
        Critical = metrics.Critical,
        High = metrics.High,
        Medium = metrics.Medium,
        Low = metrics.Low,
        Unassigned = metrics.Unassigned,
        Vulnerabilities = metrics.Vulnerabilities,
        VulnerableComponents = metrics.VulnerableComponents,
        Components = metrics.Components,
        Suppressed = metrics.Suppressed,
        FindingsTotal = metrics.Vulnerabilities,
        FindingsAudited = metrics.Audited,
        FindingsUnaudited = metrics.Vulnerabilities - metrics.Audited,
        InheritedRiskScore = metrics.InheritedRiskScore,
        PolicyViolationsFail = metrics.Violations.Fail,
        PolicyViolationsWarn = metrics.Violations.Warn,
        PolicyViolationsInfo = metrics.Violations.Info,
        PolicyViolationsTotal = metrics.Violations.Total,
        PolicyViolationsAudited = metrics.Violations.Audited,
        PolicyViolationsUnaudited = metrics.Violations.Total - metrics.Violations.Audited,
        PolicyViolationsSecurityTotal = metrics.Violations.SecurityTotal,
        PolicyViolationsSecurityAudited = metrics.Violations.SecurityAudited,
        PolicyViolationsSecurityUnaudited = metrics.Violations.SecurityTotal - metrics.Violations.SecurityAudited,
        PolicyViolationsLicenseTotal = metrics.Violations.LicenseTotal,
        PolicyViolationsLicenseAudited = metrics.Violations.LicenseAudited,
        PolicyViolationsLicenseUnaudited = metrics.Violations.LicenseTotal - metrics.Violations.LicenseAudited,
        PolicyViolationsOperationalTotal = metrics.Violations.OperationalTotal,
        PolicyViolationsOperationalAudited = metrics.Violations.OperationalAudited,
        PolicyViolationsOperationalUnaudited = metrics.Violations.OperationalTotal - metrics.Violations.OperationalAudited,
        FirstOccurrence = asOf.ToUnixTimeMilliseconds(),
        LastOccurrence = asOf.ToUnixTimeMilliseconds(),
    };
}
