using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Analysis;

/// <summary>
/// Counts unresolved findings per project the way Dependency-Track does: per component, each vulnerability once
/// (a record aliasing one already counted on the same component is skipped), by its stored severity; findings a
/// decision suppressed are counted apart, and not in the severities or the risk score.
/// </summary>
internal sealed class MetricsCalculator(IDbContextFactory<DepwatchDbContext> contexts)
{
    public async Task<FindingMetrics> ForProjectAsync(Guid projectId, CancellationToken cancellationToken) =>
        (await ForProjectsAsync([projectId], cancellationToken)).GetValueOrDefault(projectId, FindingMetrics.None);

    public Task<Dictionary<Guid, FindingMetrics>> ForProjectsAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken cancellationToken) =>
        CalculateAsync(db => db.Projects.Where(p => projectIds.Contains(p.Id)).Select(p => p.Id), cancellationToken);

    /// <summary>Every active project's metrics, the portfolio being their sum.</summary>
    public Task<Dictionary<Guid, FindingMetrics>> ForActiveProjectsAsync(CancellationToken cancellationToken) =>
        CalculateAsync(db => db.Projects.Where(p => p.Active).Select(p => p.Id), cancellationToken);

    /// <summary>The portfolio: every active project's metrics, their sum, how many active projects and how many vulnerable.</summary>
    public async Task<PortfolioCounts> ForPortfolioAsync(CancellationToken cancellationToken)
    {
        var projects = await ForActiveProjectsAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activeProjects = await db.Projects.CountAsync(p => p.Active, cancellationToken);
        var sum = projects.Values.Aggregate(FindingMetrics.None, (total, project) => total + project);
        return new PortfolioCounts(projects, sum, activeProjects, projects.Values.Count(p => p.Vulnerabilities > 0));
    }

    private async Task<Dictionary<Guid, FindingMetrics>> CalculateAsync(
        Func<DepwatchDbContext, IQueryable<Guid>> projects, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var projectIds = projects(db);
        var metrics = await db.Components.Where(c => projectIds.Contains(c.ProjectId))
            .GroupBy(c => c.ProjectId)
            .Select(g => new { ProjectId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.ProjectId, g => FindingMetrics.None with { Components = g.Count }, cancellationToken);
        var rows = db.Findings.Where(f => f.ResolvedOn == null && projectIds.Contains(f.ProjectId))
            .Join(db.Components, f => f.ComponentId, c => c.Id, (f, c) => new { Finding = f, c.Identity })
            .Join(db.Vulnerabilities, r => r.Finding.VulnerabilityId, v => v.Id, (r, v) => new { r.Finding, r.Identity, Vulnerability = v })
            .LeftJoin(db.FindingAnalyses,
                r => new { r.Finding.ProjectId, r.Identity, r.Finding.VulnerabilityId },
                a => new { a.ProjectId, Identity = a.ComponentIdentity, a.VulnerabilityId },
                (r, a) => new { r.Finding, r.Vulnerability, Analysis = a })
            .OrderBy(r => r.Finding.ProjectId).ThenBy(r => r.Finding.ComponentId)
            .Select(r => new FindingRow(r.Finding.ProjectId, r.Finding.ComponentId, r.Vulnerability.VulnId, r.Vulnerability.Severity,
                r.Vulnerability.AliasesJson, r.Analysis != null && r.Analysis.Suppressed,
                r.Analysis != null && r.Analysis.State != NotSet && r.Analysis.State != InTriage))
            .AsAsyncEnumerable();
        var component = new List<FindingRow>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (component.Count > 0 && component[0].ComponentId != row.ComponentId)
            {
                AddComponent(metrics, component);
            }
            component.Add(row);
        }
        AddComponent(metrics, component);
        await AddViolationsAsync(db, projectIds, metrics, cancellationToken);
        return metrics;
    }

    private static async Task AddViolationsAsync(
        DepwatchDbContext db, IQueryable<Guid> projectIds, Dictionary<Guid, FindingMetrics> metrics, CancellationToken cancellationToken)
    {
        var groups = await db.PolicyViolations.Where(v => v.ResolvedOn == null && !v.Suppressed && projectIds.Contains(v.ProjectId))
            .Join(db.PolicyConditions, v => v.PolicyConditionId, c => c.Id, (v, c) => new { Violation = v, c.PolicyId })
            .Join(db.Policies, r => r.PolicyId, p => p.Id, (r, p) => new { r.Violation, p.ViolationState })
            .GroupBy(r => new { r.Violation.ProjectId, r.ViolationState, r.Violation.Type, Audited = r.Violation.AnalysisState != NotSet })
            .Select(g => new { g.Key.ProjectId, g.Key.ViolationState, g.Key.Type, g.Key.Audited, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var group in groups)
        {
            var project = metrics.GetValueOrDefault(group.ProjectId, FindingMetrics.None);
            var one = ViolationMetrics.One(group.ViolationState, group.Type, group.Audited);
            var violations = project.Violations;
            for (var i = 0; i < group.Count; i++)
            {
                violations += one;
            }
            metrics[group.ProjectId] = project with { Violations = violations };
        }
    }

    private static void AddComponent(Dictionary<Guid, FindingMetrics> metrics, List<FindingRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var counts = FindingMetrics.None with { Suppressed = rows.Count(r => r.Suppressed) };
        var counted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows.Where(r => !r.Suppressed).OrderByDescending(r => SeverityNames.Parse(r.Severity)).ThenBy(r => r.VulnId, StringComparer.Ordinal))
        {
            var aliases = VulnerabilityMapping.AliasesOf(row.AliasesJson).Select(a => a.VulnId).ToList();
            if (covered.Contains(row.VulnId) || aliases.Any(counted.Contains))
            {
                continue;
            }
            counts = counts.With(SeverityNames.Parse(row.Severity)) with { Audited = counts.Audited + (row.Audited ? 1 : 0) };
            counted.Add(row.VulnId);
            covered.UnionWith(aliases);
        }
        if (counts.Vulnerabilities > 0)
        {
            counts = counts with { VulnerableComponents = 1 };
        }
        var projectId = rows[0].ProjectId;
        metrics[projectId] = metrics.GetValueOrDefault(projectId, FindingMetrics.None) + counts;
        rows.Clear();
    }

    private const string NotSet = "NOT_SET";
    private const string InTriage = "IN_TRIAGE";

    private sealed record FindingRow(Guid ProjectId, Guid ComponentId, string VulnId, string Severity, string? AliasesJson, bool Suppressed, bool Audited);
}

/// <summary>The portfolio's metrics: by active project, their sum, the active projects and the vulnerable ones among them.</summary>
internal sealed record PortfolioCounts(Dictionary<Guid, FindingMetrics> ByProject, FindingMetrics Sum, int Projects, int VulnerableProjects);
