using Depwatch.Core.Components;
using Depwatch.Core.PackageIndexes;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Trivy;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// A project analysed before its release's package index arrived (or changed) is analysed again: every active project
/// whose OS packages the new index resolves differently from the old gets an analysis job, unless one is waiting.
/// </summary>
internal sealed partial class ReanalysisTrigger(IDbContextFactory<DepwatchDbContext> contexts, IJobQueue queue, ILogger<ReanalysisTrigger> logger)
{
    /// <returns>How many projects were queued.</returns>
    public async Task<int> IndexChangedAsync(DistributionRelease release, SourceIndex? before, SourceIndex after, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var (projectId, components) in await ProjectsWithOsPackagesAsync(release, cancellationToken))
        {
            if (Resolved(components, release, before) != Resolved(components, release, after))
            {
                await queue.EnqueueAsync(JobKinds.AnalyzeProject, projectId, Guid.NewGuid(), null, cancellationToken);
                queued++;
            }
        }
        LogQueued(logger, queued, release.DisplayName);
        return queued;
    }

    private static int Resolved(IReadOnlyList<Component> components, DistributionRelease release, SourceIndex? index) =>
        SourceCoverage.Of(components, new PackageIndexSet(index is null ? [] : [index]))
            .FirstOrDefault(r => r.Release == release)?.ResolvedByIndex ?? 0;

    private async Task<Dictionary<Guid, List<Component>>> ProjectsWithOsPackagesAsync(DistributionRelease release, CancellationToken cancellationToken)
    {
        var purlType = release.Family == DistributionRelease.Alpine ? "pkg:apk/" : "pkg:deb/";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Components.AsNoTracking()
            .Where(c => (c.Purl != null && c.Purl.StartsWith(purlType)) || c.Type == "OPERATING_SYSTEM")
            .Where(c => db.Projects.Any(p => p.Id == c.ProjectId && p.Active))
            .Where(c => !db.Jobs.Any(j => j.ProjectId == c.ProjectId && j.Kind == JobKinds.AnalyzeProject && j.State == JobStates.Queued))
            .ToListAsync(cancellationToken);
        return rows.GroupBy(c => c.ProjectId).ToDictionary(g => g.Key, g => g.Select(ComponentMapping.ToDomain).ToList());
    }

    [LoggerMessage(EventId = 134, Level = LogLevel.Information, Message = "Queued the analysis of {Count} projects that the new package index of {Release} concerns.")]
    private static partial void LogQueued(ILogger logger, int count, string release);
}
