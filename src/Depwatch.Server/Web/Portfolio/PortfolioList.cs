using Depwatch.Server.Data;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>
/// The portfolio list's choices, from the query string: <c>q</c> (part of the name or one tag, as the API's
/// searchText), <c>tag</c>, <c>sort</c> (name, version, lastBomImport, risk), <c>dir</c> and <c>inactive</c>.
/// </summary>
internal sealed record PortfolioQuery(string? Search, string? Tag, string Sort, bool Descending, bool ShowInactive)
{
    public static readonly string[] Sorts = ["name", "version", "lastBomImport", "risk"];

    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrWhiteSpace(Tag);

    public static PortfolioQuery From(string? q, string? tag, string? sort, string? dir, bool inactive) =>
        new(q, tag, Sorts.Contains(sort) ? sort! : "name", dir == "desc", inactive);
}

/// <summary>A project row of the portfolio: its depth in the parent/child tree and whether rows below it are its children.</summary>
internal sealed record PortfolioRow(ProjectSummary Summary, IReadOnlyList<string> Tags, int Depth, bool HasChildren, Guid? ShownParent);

internal static class PortfolioList
{
    /// <summary>
    /// The projects to list: filtered, sorted, and, unless filtered, as a tree with each project's children right
    /// under it (a project whose parent is not listed stands at the top).
    /// </summary>
    public static List<PortfolioRow> Rows(PortfolioView portfolio, PortfolioQuery query)
    {
        var tag = string.IsNullOrWhiteSpace(query.Tag) ? null : ProjectTags.Normalize(query.Tag);
        var shown = portfolio.Projects
            .Where(s => query.ShowInactive || s.Project.Active)
            .Where(s => tag is null || TagsOf(portfolio, s).Contains(tag))
            .Where(s => Matches(portfolio, s, query.Search))
            .ToList();
        var sorted = Sort(shown, query).ToList();
        if (query.Filtered)
        {
            return [.. sorted.Select(s => new PortfolioRow(s, TagsOf(portfolio, s), 0, false, null))];
        }
        var ids = sorted.Select(s => s.Project.Id).ToHashSet();
        var children = sorted.Where(s => s.Project.ParentId is { } p && ids.Contains(p)).ToLookup(s => s.Project.ParentId!.Value);
        var rows = new List<PortfolioRow>();
        void Add(ProjectSummary summary, int depth, Guid? parent)
        {
            var below = children[summary.Project.Id].ToList();
            rows.Add(new PortfolioRow(summary, TagsOf(portfolio, summary), depth, below.Count > 0, parent));
            foreach (var child in below)
            {
                Add(child, depth + 1, summary.Project.Id);
            }
        }
        foreach (var root in sorted.Where(s => s.Project.ParentId is not { } p || !ids.Contains(p)))
        {
            Add(root, 0, null);
        }
        return rows;
    }

    private static IReadOnlyList<string> TagsOf(PortfolioView portfolio, ProjectSummary summary) =>
        portfolio.Tags.GetValueOrDefault(summary.Project.Id, []);

    // As the API's searchText: part of the name in any case, or exactly one of the project's tags.
    private static bool Matches(PortfolioView portfolio, ProjectSummary summary, string? search) =>
        string.IsNullOrWhiteSpace(search)
        || summary.Project.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)
        || TagsOf(portfolio, summary).Contains(ProjectTags.Normalize(search));

    private static IEnumerable<ProjectSummary> Sort(IEnumerable<ProjectSummary> projects, PortfolioQuery query)
    {
        var descending = query.Descending;
        var ordered = query.Sort switch
        {
            "version" => By(projects, s => s.Project.VersionKey, descending, StringComparer.Ordinal),
            "lastBomImport" => By(projects, s => s.Project.LastBomImport, descending),
            "risk" => By(projects, s => s.Metrics.InheritedRiskScore, descending),
            _ => By(projects, s => s.Project.Name, descending, StringComparer.OrdinalIgnoreCase),
        };
        return ordered.ThenBy(s => s.Project.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(s => s.Project.VersionKey, StringComparer.Ordinal);
    }

    private static IOrderedEnumerable<ProjectSummary> By<T>(
        IEnumerable<ProjectSummary> projects, Func<ProjectSummary, T> key, bool descending, IComparer<T>? comparer = null) =>
        descending ? projects.OrderByDescending(key, comparer) : projects.OrderBy(key, comparer);
}
