using System.Globalization;
using System.Text.RegularExpressions;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Dependency-Track's list parameters: offset or page paging (100 items by default, a limit of 0 or less for all),
/// a free-text filter, and sorting by a field when a direction is given too.
/// </summary>
internal sealed partial record PageRequest(int Offset, int? Limit, string? Filter, string? SortField, bool Descending)
{
    private const int DefaultLimit = 100;

    public static PageRequest From(IQueryCollection query)
    {
        var size = First(query, "size", "pageSize", "limit");
        var filter = First(query, "filter", "searchText");
        var (sortField, descending) = Sort(First(query, "orderBy", "sortName"), First(query, "sort", "sortOrder"));
        if (First(query, "offset") is { } offsetText)
        {
            var limit = Number(size) ?? DefaultLimit;
            return new PageRequest(Math.Max(0, Number(offsetText) ?? 0), limit > 0 ? limit : null, filter, sortField, descending);
        }
        if (Number(First(query, "page", "pageNumber")) is { } page && Number(size) is { } pageSize)
        {
            return new PageRequest(Math.Max(0, (page * pageSize) - pageSize), pageSize > 0 ? pageSize : null, filter, sortField, descending);
        }
        return new PageRequest(0, DefaultLimit, filter, sortField, descending);
    }

    public IQueryable<T> Apply<T>(IQueryable<T> ordered)
    {
        var page = ordered.Skip(Offset);
        return Limit is { } limit ? page.Take(limit) : page;
    }

    private static (string? Field, bool Descending) Sort(string? field, string? direction)
    {
        if (field is null || direction is null || !SortFieldPattern().IsMatch(field))
        {
            return (null, false);
        }
        return direction.ToLowerInvariant() switch
        {
            "asc" => (field, false),
            "desc" => (field, true),
            _ => (null, false),
        };
    }

    private static string? First(IQueryCollection query, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }
        return null;
    }

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-+]*$")]
    private static partial Regex SortFieldPattern();
}
