using Depwatch.Core.Analysis;
using Depwatch.Core.PackageIndexes;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Depwatch.Trivy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// For a project page: which of the project's OS packages name no source package that no package index at hand
/// resolves, per release, and what the administrator can do about it. Worked out from the stored inventory and the
/// indexes as they are now, so it needs no stored state of its own.
/// </summary>
internal sealed class ProjectSourceWarnings(IDbContextFactory<DepwatchDbContext> contexts, PackageIndexStore store, IOptions<PackageIndexOptions> options)
{
    public async Task<IReadOnlyList<string>> ForAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId)
            .Where(c => (c.Purl != null && (c.Purl.StartsWith("pkg:deb/") || c.Purl.StartsWith("pkg:apk/"))) || c.Type == "OPERATING_SYSTEM")
            .ToListAsync(cancellationToken);
        var resolutions = SourceCoverage.Of([.. rows.Select(ComponentMapping.ToDomain)], store);
        return [.. resolutions.Where(r => r.Unresolved > 0).Select(Warning)];
    }

    private string Warning(SourceResolution resolution)
    {
        var release = resolution.Release;
        var lead = resolution.UnresolvedSummary + " in the SBOM";
        if (store.For(release) is not null)
        {
            return $"{lead} and {(resolution.Unresolved == 1 ? "is" : "are")} not in the release's package index: their vulnerabilities may be missed.";
        }
        if (store.ProblemsOf(release) is [var problem, ..])
        {
            return $"{lead}, and the release's package index could not be fetched ({problem}): their vulnerabilities may be missed "
                + $"until it is. An administrator can give one in {PackageIndexOptions.SourcesSection}.";
        }
        if (options.Value.Enabled && store.IsWanted(release) && MirrorLayout.IndexUrls(release, null, options.Value.Mirrors).Count > 0)
        {
            return $"{lead}: Depwatch is fetching the release's package index to find their sources, and analyses the project again when it arrives.";
        }
        return $"{lead}, and no package index of {release} is at hand: their vulnerabilities may be missed. An administrator can list one in "
            + $"{PackageIndexOptions.SourcesSection} or let Depwatch fetch it ({PackageIndexOptions.Section}:Enabled).";
    }
}
