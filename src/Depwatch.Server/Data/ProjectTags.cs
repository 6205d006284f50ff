using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Data;

/// <summary>Projects' tags: how names are normalised, read and replaced.</summary>
public static class ProjectTags
{
    public const int MaxNameLength = StoredText.MaxIndexedLength;
    public const int MaxTags = 100;

    /// <summary>Trimmed, lower-case, without blanks or repeats, sorted: <c>" Team-A, team-a ,"</c> is one tag, <c>team-a</c>.</summary>
    public static List<string> Normalize(IEnumerable<string?> names) =>
        [.. names.OfType<string>().Select(Normalize).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>One tag name as it is stored, e.g. to look it up: <c>" Team-A"</c> is <c>team-a</c>.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Why a project cannot carry these (normalised) tags, or null when it can.</summary>
    public static string? Problem(IReadOnlyList<string> names)
    {
        if (names.Count > MaxTags)
        {
            return $"A project carries at most {MaxTags} tags; {names.Count} were given.";
        }
        if (names.FirstOrDefault(n => n.Length > MaxNameLength) is { } tooLong)
        {
            return $"The tag '{tooLong[..40]}…' is longer than {MaxNameLength} characters.";
        }
        return names.Select(StoredText.IdentifierProblem).OfType<string>().FirstOrDefault() is { } problem ? $"A tag {problem}." : null;
    }

    /// <summary>Each project's tag names, sorted; projects without tags are absent.</summary>
    public static async Task<Dictionary<Guid, List<string>>> ForProjectsAsync(
        DepwatchDbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken cancellationToken)
    {
        var rows = await db.ProjectTags.AsNoTracking().Where(t => projectIds.Contains(t.ProjectId)).ToListAsync(cancellationToken);
        return rows.GroupBy(t => t.ProjectId).ToDictionary(g => g.Key, g => g.Select(t => t.Name).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Stages replacing the project's tags with <paramref name="names"/> (already normalised); saved with the caller's
    /// changes, in the caller's transaction.
    /// </summary>
    public static async Task ReplaceAsync(DepwatchDbContext db, Guid projectId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        // Writing the project's row first holds its lock until the caller commits, so uploads retagging one project
        // at the same moment take turns: each reads the tags the previous one stored, and the last one's tags win.
        await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, p => p.Name), cancellationToken);
        var current = await db.ProjectTags.Where(t => t.ProjectId == projectId).ToListAsync(cancellationToken);
        db.ProjectTags.RemoveRange(current.Where(t => !names.Contains(t.Name)));
        db.ProjectTags.AddRange(names.Where(n => current.All(t => t.Name != n)).Select(n => new ProjectTagEntity { ProjectId = projectId, Name = n }));
    }
}
