using Depwatch.Core.Triage;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>What the portfolio, project and vulnerability pages show, read as the REST endpoints read it.</summary>
internal sealed class PortfolioReader(
    IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, MetricsHistory history, TimeProvider time)
{
    /// <summary>Analysis runs shown in a project's chart, and days in the portfolio's; older ones are left out.</summary>
    public const int HistoryLength = 30;

    /// <summary>The portfolio's last days, today's bar as the portfolio is now.</summary>
    public async Task<HistoryChartView> PortfolioHistoryAsync(FindingMetrics today, CancellationToken cancellationToken) =>
        HistoryChartView.FromDays(await history.PortfolioSinceAsync(history.DaysBack(HistoryLength - 1), cancellationToken), today, time.GetUtcNow());

    public async Task<PortfolioView> PortfolioAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Name).ThenByDescending(p => p.VersionKey).ToListAsync(cancellationToken);
        var counts = await metrics.ForProjectsAsync([.. projects.Select(p => p.Id)], cancellationToken);
        var retries = await RetriesAsync(db.Jobs, cancellationToken);
        var summaries = projects.Select(p => new ProjectSummary(p, counts.GetValueOrDefault(p.Id, FindingMetrics.None), retries.GetValueOrDefault(p.Id))).ToList();
        var totals = summaries.Where(s => s.Project.Active).Aggregate(FindingMetrics.None, (sum, s) => sum + s.Metrics);
        return new PortfolioView(summaries, totals, await ProjectTags.ForProjectsAsync(db, [.. projects.Select(p => p.Id)], cancellationToken));
    }

    public async Task<ProjectSummary?> ProjectAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var retries = await RetriesAsync(db.Jobs.Where(j => j.ProjectId == id), cancellationToken);
        return new ProjectSummary(project, await metrics.ForProjectAsync(id, cancellationToken), retries.GetValueOrDefault(id));
    }

    // A failed analysis goes back to the queue with its attempts counted and the time of the next one: the project
    // shows that it is failing and being retried, rather than waiting or running for ever, the next attempt included.
    private static async Task<Dictionary<Guid, AnalysisRetry>> RetriesAsync(IQueryable<JobEntity> jobs, CancellationToken cancellationToken)
    {
        var retried = await jobs.AsNoTracking()
            .Where(j => j.Kind == JobKinds.AnalyzeProject && (j.State == JobStates.Queued || j.State == JobStates.Running) && j.Attempts > 0)
            .Select(j => new { j.ProjectId, j.Attempts, j.State, j.NotBefore })
            .ToListAsync(cancellationToken);
        return retried.GroupBy(j => j.ProjectId).Select(g => g.MaxBy(j => j.Attempts)!).ToDictionary(
            j => j.ProjectId, j => new AnalysisRetry(j.Attempts, j.State == JobStates.Queued ? j.NotBefore : null));
    }

    public async Task<ProjectRelations> RelationsAsync(ProjectEntity project, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ProjectRelations.ReadAsync(db, project, cancellationToken);
    }

    /// <summary>The project's latest successful analyses, oldest first.</summary>
    public async Task<List<AnalysisRunEntity>> HistoryAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.AnalysisRuns.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.State == AnalysisStates.Succeeded)
            .OrderByDescending(r => r.Started).Take(HistoryLength)
            .ToListAsync(cancellationToken);
        runs.Reverse();
        return runs;
    }

    /// <param name="search">Part of the name, group or purl, in any case.</param>
    public async Task<Paged<ComponentEntity>> ComponentsAsync(
        Guid projectId, string? search, ComponentSort sort, bool descending, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Components.AsNoTracking().Where(c => c.ProjectId == projectId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(c => c.Name.ToLower().Contains(term)
                || (c.Group != null && c.Group.ToLower().Contains(term))
                || (c.Purl != null && c.Purl.ToLower().Contains(term)));
        }
        var total = await query.CountAsync(cancellationToken);
        // Components without a version or purl come last either way; databases disagree on where nulls sort.
        IOrderedQueryable<ComponentEntity> ordered = sort switch
        {
            ComponentSort.Version => descending
                ? query.OrderBy(c => c.Version == null).ThenByDescending(c => c.Version)
                : query.OrderBy(c => c.Version == null).ThenBy(c => c.Version),
            ComponentSort.Purl => descending
                ? query.OrderBy(c => c.Purl == null).ThenByDescending(c => c.Purl)
                : query.OrderBy(c => c.Purl == null).ThenBy(c => c.Purl),
            _ => descending ? query.OrderByDescending(c => c.Name) : query.OrderBy(c => c.Name),
        };
        var items = await ordered.ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<ComponentEntity>(items, total, page, pageSize);
    }

    /// <summary>
    /// The project's unresolved findings with the decisions about them, suppressed ones included, each vulnerability
    /// read once however many components it affects.
    /// </summary>
    public async Task<List<FindingRow>> FindingsAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Findings.AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.ResolvedOn == null)
            .Join(db.Components, f => f.ComponentId, c => c.Id, (f, c) => new { Finding = f, Component = c })
            .Join(db.Vulnerabilities, r => r.Finding.VulnerabilityId, v => v.Id, (r, v) => new { r.Finding, r.Component, Vulnerability = v })
            .LeftJoin(db.FindingAnalyses,
                r => new { r.Finding.ProjectId, r.Component.Identity, r.Finding.VulnerabilityId },
                a => new { a.ProjectId, Identity = a.ComponentIdentity, a.VulnerabilityId },
                (r, a) => new { r.Finding, r.Component, r.Vulnerability, Analysis = a })
            .ToListAsync(cancellationToken);
        var vulnerabilities = rows.Select(r => r.Vulnerability).DistinctBy(v => v.Id).ToDictionary(v => v.Id, VulnerabilityMapping.ToDomain);
        return [.. rows.Select(r => new FindingRow(r.Finding, r.Component, vulnerabilities[r.Vulnerability.Id],
            r.Analysis is null ? FindingAnalysis.None : AnalysisMapping.ToDomain(r.Analysis), r.Analysis?.Id))];
    }

    /// <summary>Which of these identifiers (source/id) Depwatch has a record of, so that only those are linked.</summary>
    public async Task<HashSet<string>> KnownAsync(IEnumerable<(string Source, string VulnId)> identifiers, CancellationToken cancellationToken)
    {
        var ids = identifiers.Select(i => i.VulnId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await db.Vulnerabilities.AsNoTracking().Where(v => ids.Contains(v.VulnId)).Select(v => new { v.Source, v.VulnId }).ToListAsync(cancellationToken);
        return [.. known.Select(k => Key(k.Source, k.VulnId))];
    }

    public async Task<VulnerabilityView?> VulnerabilityAsync(string source, string vulnId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Vulnerabilities.AsNoTracking().FirstOrDefaultAsync(v => v.Source == source && v.VulnId == vulnId, cancellationToken);
        if (entity is null)
        {
            return null;
        }
        var affected = await db.Findings.AsNoTracking()
            .Where(f => f.VulnerabilityId == entity.Id && f.ResolvedOn == null)
            .Join(db.Components, f => f.ComponentId, c => c.Id, (f, c) => new { f.FixedVersion, Component = c })
            .Join(db.Projects, r => r.Component.ProjectId, p => p.Id, (r, p) => new { r.FixedVersion, r.Component, Project = p })
            .OrderBy(r => r.Project.Name).ThenBy(r => r.Project.VersionKey).ThenBy(r => r.Component.Name).ThenBy(r => r.Component.Id)
            .ToListAsync(cancellationToken);
        var vulnerability = VulnerabilityMapping.ToDomain(entity);
        var known = await KnownAsync(vulnerability.Aliases.Select(a => (a.Source, a.VulnId)), cancellationToken);
        return new VulnerabilityView(entity, vulnerability, [.. affected.Select(r => new AffectedComponent(r.Project, r.Component, r.FixedVersion))], known);
    }

    public static string Key(string source, string vulnId) => $"{source}/{vulnId}";
}

internal enum ComponentSort
{
    Name,
    Version,
    Purl,
}
