namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// Reads the paragraphs of a package index, separated by blank lines, keeping of each its package, version and source.
/// <list type="bullet">
/// <item>Debian and Ubuntu <c>Packages</c>: <c>Field: value</c> lines (names in any case, continuation lines indented).
/// <c>Source</c> is absent when the binary is its own source, and carries the source version in parentheses when it
/// differs from the binary's: <c>Source: shadow (1:4.13+dfsg1-1)</c>.</item>
/// <item>Alpine <c>APKINDEX</c>: <c>X:value</c> lines; <c>P</c> is the package, <c>V</c> its version, <c>o</c> its
/// origin (the aport it was built from), whose version is always the package's own.</item>
/// </list>
/// </summary>
internal static class IndexTextParser
{
    private const int Package = 0;
    private const int Version = 1;
    private const int Source = 2;

    /// <returns>How many entries were read.</returns>
    public static int Parse(LineReader lines, PackageIndexFormat format, SourceIndexBuilder into, CancellationToken cancellationToken)
    {
        var fields = new string?[3];
        var added = 0;
        while (true)
        {
            var more = lines.TryRead(out var line);
            if (!more || line.IsWhiteSpace())
            {
                if (fields[Package] is not null || fields[Version] is not null)
                {
                    Add(fields, format, lines.LineNumber, into);
                    added++;
                    cancellationToken.ThrowIfCancellationRequested();
                }
                Array.Clear(fields);
                if (!more)
                {
                    return added;
                }
            }
            else if (!(format == PackageIndexFormat.DebianPackages && line[0] is ' ' or '\t'))
            {
                if (SlotOf(line, format, lines.LineNumber, out var value) is { } slot)
                {
                    fields[slot] = value.ToString();
                }
            }
        }
    }

    private static int? SlotOf(ReadOnlySpan<char> line, PackageIndexFormat format, int lineNumber, out ReadOnlySpan<char> value)
    {
        var colon = line.IndexOf(':');
        var malformed = format == PackageIndexFormat.DebianPackages ? colon <= 0 : colon != 1;
        if (malformed)
        {
            var expected = format == PackageIndexFormat.DebianPackages ? "a 'Field: value'" : "an 'X:value'";
            throw new PackageIndexFormatException($"line {lineNumber} is not {expected} line: '{Shorten(line)}'");
        }
        var name = line[..colon];
        value = line[(colon + 1)..].Trim();
        if (format == PackageIndexFormat.AlpineApkIndex)
        {
            return name[0] switch { 'P' => Package, 'V' => Version, 'o' => Source, _ => null };
        }
        return name.Equals("Package", StringComparison.OrdinalIgnoreCase) ? Package
            : name.Equals("Version", StringComparison.OrdinalIgnoreCase) ? Version
            : name.Equals("Source", StringComparison.OrdinalIgnoreCase) ? Source
            : null;
    }

    private static void Add(string?[] fields, PackageIndexFormat format, int lineNumber, SourceIndexBuilder into)
    {
        if (string.IsNullOrEmpty(fields[Package]) || string.IsNullOrEmpty(fields[Version]))
        {
            var names = format == PackageIndexFormat.DebianPackages ? "Package or Version" : "P: or V:";
            throw new PackageIndexFormatException($"the entry ending at line {lineNumber} lacks its {names} field");
        }
        var (sourceName, sourceVersion) = format == PackageIndexFormat.DebianPackages ? SplitSource(fields[Source]) : (fields[Source] ?? "", "");
        into.Add(fields[Package], fields[Version], sourceName, sourceVersion);
    }

    // "shadow (1:4.13+dfsg1-1)" → ("shadow", "1:4.13+dfsg1-1"); "glibc" → ("glibc", "").
    private static (string Name, string Version) SplitSource(string? source)
    {
        if (string.IsNullOrEmpty(source))
        {
            return ("", "");
        }
        var open = source.IndexOf('(');
        if (open < 0)
        {
            return (source, "");
        }
        var close = source.IndexOf(')', open);
        var version = close < 0 ? source[(open + 1)..] : source[(open + 1)..close];
        return (source[..open].Trim(), version.Trim());
    }

    internal static string Shorten(ReadOnlySpan<char> line) => line.Length <= 60 ? line.ToString() : string.Concat(line[..60], "…");
}
