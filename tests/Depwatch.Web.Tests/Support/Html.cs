using System.Text.RegularExpressions;

namespace Depwatch.Web.Tests.Support;

/// <summary>Small readings of server-rendered HTML, enough for tests that do not need a browser.</summary>
public static partial class Html
{
    /// <summary>The opening tag of the element with this id.</summary>
    public static string ElementWithId(string html, string id) =>
        Regex.Match(html, $"<[a-z]+[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>").Value is { Length: > 0 } tag
            ? tag
            : throw new Xunit.Sdk.XunitException($"No element with id {id} in the page.");

    /// <summary>The text of the element with this id (tags removed).</summary>
    public static string TextOf(string html, string id) => TextOfElement(html, "id", id);

    /// <summary>The text of the first element marked with this <c>data-testid</c> (tags removed, spaces collapsed).</summary>
    public static string TextOfTestId(string html, string testId) => Collapse(TextOfElement(html, "data-testid", testId));

    private static string TextOfElement(string html, string attribute, string value)
    {
        var match = Regex.Match(html, $"<([a-z]+)[^>]*\\b{attribute}=\"{Regex.Escape(value)}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline);
        return System.Net.WebUtility.HtmlDecode(Tags().Replace(match.Groups[2].Value, "")).Trim();
    }

    /// <summary>
    /// The text of each body row of the table marked <c>data-testid</c>, cells separated by " | "; the rows that hold
    /// a finding's audit panel are left out.
    /// Portfolio rows (<c>data-project</c>) count as rows too.
    /// </summary>
    public static List<string> RowsOf(string html, string testId)
    {
        var table = Regex.Match(html, $"<table[^>]*data-testid=\"{Regex.Escape(testId)}\"[^>]*>.*?</table>", RegexOptions.Singleline).Value;
        var body = Regex.Match(table, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Regex.Matches(body, "<tr(?: class=\"finding[^\"]*\"[^>]*| data-project=[^>]*)?>(.*?)</tr>", RegexOptions.Singleline).Select(row =>
            string.Join(" | ", Regex.Matches(row.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)
                .Select(cell => Collapse(System.Net.WebUtility.HtmlDecode(Tags().Replace(cell.Groups[1].Value, " "))))))];
    }

    private static string Collapse(string text) => Regex.Replace(text, "\\s+", " ").Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
