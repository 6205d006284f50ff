using Depwatch.Core.Triage;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>The project page's findings filters and order, as they travel in the page's query string.</summary>
/// <param name="SeverityName">Lower-case severity to keep, or null for all.</param>
/// <param name="SourceName">Vulnerability source to keep (NVD, GITHUB, …), or null for all.</param>
/// <param name="FixState"><c>yes</c>: only findings with a fixed version; <c>no</c>: only those without; else all.</param>
/// <param name="Direction"><c>asc</c> or <c>desc</c>; by default scores descend and names ascend.</param>
/// <param name="StateName">Analysis state to keep (Dependency-Track's name: NOT_SET, EXPLOITABLE, …), or null for all.</param>
/// <param name="ShowSuppressed">Whether suppressed findings are listed too; as in Dependency-Track they are not by default.</param>
internal sealed record FindingQuery(
    string? SeverityName, string? SourceName, string? FixState, string? Sort, string? Direction, int Page, string? StateName = null, bool ShowSuppressed = false)
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Sorts = ["severity", "cvss", "component", "vulnerability"];

    public string SortOrDefault => Sort is { } sort && Sorts.Contains(sort) ? sort : "severity";

    public bool Descending => Direction switch
    {
        "asc" => false,
        "desc" => true,
        _ => SortOrDefault is "severity" or "cvss",
    };

    public Paged<FindingRow> Apply(IEnumerable<FindingRow> rows)
    {
        var filtered = rows
            .Where(r => SeverityName is not { Length: > 0 } || SeverityNames.LowerCase(Grouped(r.Vulnerability.Severity)) == SeverityName)
            .Where(r => SourceName is not { Length: > 0 } || r.Vulnerability.Source == SourceName)
            .Where(r => FixState switch { "yes" => r.Fixable, "no" => !r.Fixable, _ => true })
            .Where(r => StateName is not { Length: > 0 } || AnalysisNames.Name(r.Analysis.State) == StateName)
            .Where(r => ShowSuppressed || !r.Analysis.IsSuppressed)
            .ToList();
        var ordered = Order(filtered).ToList();
        var page = Math.Clamp(Page, 1, Math.Max(1, (ordered.Count + PageSize - 1) / PageSize));
        return new Paged<FindingRow>([.. ordered.Skip((page - 1) * PageSize).Take(PageSize)], ordered.Count, page, PageSize);
    }

    /// <summary>Info findings are shown and counted with the low ones, as in Dependency-Track's metrics.</summary>
    public static Severity Grouped(Severity severity) => severity == Severity.Info ? Severity.Low : severity;

    private IOrderedEnumerable<FindingRow> Order(List<FindingRow> rows)
    {
        var ordered = SortOrDefault switch
        {
            "cvss" => By(rows, r => r.Cvss ?? -1, Comparer<double>.Default),
            "component" => By(rows, r => r.Component.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Component.Version, StringComparer.Ordinal),
            "vulnerability" => By(rows, r => r.Vulnerability.VulnId, StringComparer.Ordinal),
            _ => By(rows, r => r.Vulnerability.Severity, Comparer<Severity>.Default).ThenByDescending(r => r.Cvss ?? -1),
        };
        return ordered.ThenBy(r => r.Component.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Vulnerability.VulnId, StringComparer.Ordinal);
    }

    private IOrderedEnumerable<FindingRow> By<TKey>(List<FindingRow> rows, Func<FindingRow, TKey> key, IComparer<TKey> comparer) =>
        Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
}
