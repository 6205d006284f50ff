namespace Depwatch.Cli.Output;

/// <summary>Lays rows out in monospace columns as wide as their widest cell, under a dashed header rule.</summary>
internal static class TextTable
{
    private const string ColumnGap = "  ";

    public static IEnumerable<string> Lines(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = ColumnWidths(headers, rows);
        yield return Line(headers, widths);
        yield return Line([.. widths.Select(width => new string('-', width))], widths);
        foreach (var row in rows)
        {
            yield return Line(row, widths);
        }
    }

    private static int[] ColumnWidths(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select(header => header.Length).ToArray();
        foreach (var row in rows)
        {
            for (var column = 0; column < widths.Length; column++)
            {
                widths[column] = Math.Max(widths[column], row[column].Length);
            }
        }
        return widths;
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(ColumnGap, cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd();
}
