using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Analysis;

/// <summary>
/// Metrics over time, as Dependency-Track keeps them: one row per project and per day, and one for the portfolio,
/// each holding the day's last recording. The only place that reads or writes those rows.
/// </summary>
internal sealed class MetricsHistory(IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator calculator, TimeProvider time)
{
    /// <summary>Records the project's metrics as they are now (given, or computed) in today's row.</summary>
    public async Task RecordProjectAsync(Guid projectId, FindingMetrics? metrics, CancellationToken cancellationToken)
    {
        metrics ??= await calculator.ForProjectAsync(projectId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            await UpsertAsync(db, projectId, metrics, cancellationToken);
        }
    }

    /// <summary>Records every active project's metrics and their sum, the portfolio's, in today's rows.</summary>
    public async Task RecordPortfolioAsync(CancellationToken cancellationToken)
    {
        var portfolio = await calculator.ForPortfolioAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var (projectId, metrics) in portfolio.ByProject)
        {
            await UpsertAsync(db, projectId, metrics, cancellationToken);
        }
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var row = await db.PortfolioMetrics.FirstOrDefaultAsync(m => m.Day == day, cancellationToken);
        if (row is null)
        {
            row = new PortfolioMetricsEntity { Day = day, FirstOccurrence = now };
            db.PortfolioMetrics.Add(row);
        }
        Apply(row, portfolio.Sum, now);
        row.Projects = portfolio.Projects;
        row.VulnerableProjects = portfolio.VulnerableProjects;
        await SaveIgnoringRaceAsync(db, cancellationToken);
    }

    /// <summary>The project's rows from <paramref name="since"/> on, oldest first.</summary>
    public async Task<List<DayMetrics>> ProjectSinceAsync(Guid projectId, DateOnly since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ProjectMetrics.AsNoTracking().Where(m => m.ProjectId == projectId && m.Day >= since)
            .OrderBy(m => m.Day).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToDay(r, null))];
    }

    /// <summary>The portfolio's rows from <paramref name="since"/> on, oldest first.</summary>
    public async Task<List<DayMetrics>> PortfolioSinceAsync(DateOnly since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PortfolioMetrics.AsNoTracking().Where(m => m.Day >= since).OrderBy(m => m.Day).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToDay(r, (r.Projects, r.VulnerableProjects)))];
    }

    /// <summary>The first day that "the last <paramref name="days"/> days" covers, as Dependency-Track counts back from now.</summary>
    public DateOnly DaysBack(int days) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-Math.Clamp(days, 0, 36_500));

    private async Task UpsertAsync(DepwatchDbContext db, Guid projectId, FindingMetrics metrics, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var row = await db.ProjectMetrics.FirstOrDefaultAsync(m => m.ProjectId == projectId && m.Day == day, cancellationToken);
        if (row is null)
        {
            row = new ProjectMetricsEntity { ProjectId = projectId, Day = day, FirstOccurrence = now };
            db.ProjectMetrics.Add(row);
        }
        Apply(row, metrics, now);
        await SaveIgnoringRaceAsync(db, cancellationToken);
    }

    // Two instances recording the same day at once: the other's row holds the same numbers, taken a moment apart.
    private static async Task SaveIgnoringRaceAsync(DepwatchDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    private static void Apply(MetricsCountsColumns row, FindingMetrics metrics, DateTimeOffset now)
    {
        row.Critical = metrics.Critical;
        row.High = metrics.High;
        row.Medium = metrics.Medium;
        row.Low = metrics.Low;
        row.Unassigned = metrics.Unassigned;
        row.Vulnerabilities = metrics.Vulnerabilities;
        row.VulnerableComponents = metrics.VulnerableComponents;
        row.Components = metrics.Components;
        row.Suppressed = metrics.Suppressed;
        row.Audited = metrics.Audited;
        var v = metrics.Violations;
        (row.PolicyViolationsFail, row.PolicyViolationsWarn, row.PolicyViolationsInfo) = (v.Fail, v.Warn, v.Info);
        (row.PolicyViolationsSecurityTotal, row.PolicyViolationsSecurityAudited) = (v.SecurityTotal, v.SecurityAudited);
        (row.PolicyViolationsLicenseTotal, row.PolicyViolationsLicenseAudited) = (v.LicenseTotal, v.LicenseAudited);
        (row.PolicyViolationsOperationalTotal, row.PolicyViolationsOperationalAudited) = (v.OperationalTotal, v.OperationalAudited);
        row.LastOccurrence = now;
    }

    private static DayMetrics ToDay(MetricsCountsColumns row, (int Projects, int Vulnerable)? portfolio) => new(
        row.Day,
        new FindingMetrics(row.Critical, row.High, row.Medium, row.Low, row.Unassigned, row.Vulnerabilities, row.VulnerableComponents, row.Components)
        {
            Suppressed = row.Suppressed,
            Audited = row.Audited,
            Violations = new ViolationMetrics(row.PolicyViolationsFail, row.PolicyViolationsWarn, row.PolicyViolationsInfo,
                row.PolicyViolationsSecurityTotal, row.PolicyViolationsSecurityAudited, row.PolicyViolationsLicenseTotal,
                row.PolicyViolationsLicenseAudited, row.PolicyViolationsOperationalTotal, row.PolicyViolationsOperationalAudited),
        },
        row.FirstOccurrence, row.LastOccurrence, portfolio);
}

/// <summary>One day's metrics: the day's last recording, and for the portfolio its project counts.</summary>
public sealed record DayMetrics(
    DateOnly Day, FindingMetrics Metrics, DateTimeOffset FirstOccurrence, DateTimeOffset LastOccurrence, (int Projects, int Vulnerable)? Portfolio);
