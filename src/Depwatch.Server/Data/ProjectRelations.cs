using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Data;

/// <summary>A project's tags, its parent and its children (by name, newest version first), as the API and the web UI show them.</summary>
public sealed record ProjectRelations(IReadOnlyList<string> Tags, ProjectEntity? Parent, IReadOnlyList<ProjectEntity> Children)
{
    public static readonly ProjectRelations None = new([], null, []);

    public static async Task<ProjectRelations> ReadAsync(DepwatchDbContext db, ProjectEntity project, CancellationToken cancellationToken)
    {
        var tags = await ProjectTags.ForProjectsAsync(db, [project.Id], cancellationToken);
        var parent = project.ParentId is { } parentId
            ? await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == parentId, cancellationToken)
            : null;
        var children = await db.Projects.AsNoTracking().Where(p => p.ParentId == project.Id)
            .OrderBy(p => p.Name).ThenByDescending(p => p.VersionKey).ToListAsync(cancellationToken);
        return new ProjectRelations(tags.GetValueOrDefault(project.Id, []), parent, children);
    }

    /// <summary>The children of each of <paramref name="projectIds"/>, by name, newest version first.</summary>
    public static async Task<ILookup<Guid, ProjectEntity>> ChildrenOfAsync(
        DepwatchDbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken cancellationToken)
    {
        var children = await db.Projects.AsNoTracking().Where(p => p.ParentId != null && projectIds.Contains(p.ParentId.Value))
            .OrderBy(p => p.Name).ThenByDescending(p => p.VersionKey).ToListAsync(cancellationToken);
        return children.ToLookup(p => p.ParentId!.Value);
    }
}
