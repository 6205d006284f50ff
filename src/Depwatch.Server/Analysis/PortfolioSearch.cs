using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Analysis;

/// <summary>
/// Dependency-Track's search: the projects, components and vulnerabilities whose names or descriptions hold a term,
/// in any case, at most <see cref="MaxPerKind"/> of each kind, as Dependency-Track caps each of its indexes.
/// </summary>
internal sealed class PortfolioSearch(IDbContextFactory<DepwatchDbContext> contexts)
{
    public const int MaxPerKind = 1000;

    public async Task<IReadOnlyList<ProjectHit>> ProjectsAsync(string term, CancellationToken cancellationToken)
    {
        var lower = term.ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.AsNoTracking()
            .Where(p => p.Name.ToLower().Contains(lower)
                || (p.Version != null && p.Version.ToLower().Contains(lower))
                || (p.Description != null && p.Description.ToLower().Contains(lower)))
            .OrderBy(p => p.Name).ThenByDescending(p => p.VersionKey).Take(MaxPerKind)
            .Select(p => new ProjectHit(p.Id, p.Name, p.Version, p.Description))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ComponentHit>> ComponentsAsync(string term, CancellationToken cancellationToken)
    {
        var lower = term.ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Components.AsNoTracking()
            .Where(c => c.Name.ToLower().Contains(lower)
                || (c.Group != null && c.Group.ToLower().Contains(lower))
                || (c.Version != null && c.Version.ToLower().Contains(lower))
                || (c.Purl != null && c.Purl.ToLower().Contains(lower)))
            .Join(db.Projects, c => c.ProjectId, p => p.Id, (c, p) => new { Component = c, Project = p })
            .OrderBy(x => x.Component.Name).ThenBy(x => x.Component.Version).ThenBy(x => x.Project.Name).ThenBy(x => x.Component.Id)
            .Take(MaxPerKind)
            .Select(x => new ComponentHit(x.Component.Id, x.Component.Group, x.Component.Name, x.Component.Version, x.Component.Purl,
                new ProjectHit(x.Project.Id, x.Project.Name, x.Project.Version, null)))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VulnerabilityHit>> VulnerabilitiesAsync(string term, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await VulnerabilityCatalogue.Matching(db.Vulnerabilities.AsNoTracking(), term)
            .OrderBy(v => v.VulnId).ThenBy(v => v.Source).Take(MaxPerKind)
            .Select(v => new VulnerabilityHit(v.Id, v.VulnId, v.Source, v.Title, v.Description))
            .ToListAsync(cancellationToken);
    }
}

internal sealed record ProjectHit(Guid Id, string Name, string? Version, string? Description);

internal sealed record ComponentHit(Guid Id, string? Group, string Name, string? Version, string? Purl, ProjectHit Project);

internal sealed record VulnerabilityHit(Guid Id, string VulnId, string Source, string? Title, string? Description);
