using System.Text.RegularExpressions;

namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// One distribution release's binary → source map, read from its package indexes (Debian and Ubuntu
/// <c>Packages</c>, Alpine <c>APKINDEX</c>). Built with <see cref="SourceIndexBuilder"/>; safe to read from many threads.
/// </summary>
public sealed partial class SourceIndex
{
    private readonly Dictionary<string, SourceIndexEntry> _byBinary;

    internal SourceIndex(DistributionRelease release, Dictionary<string, SourceIndexEntry> byBinary, int count)
    {
        Release = release;
        _byBinary = byBinary;
        Count = count;
    }

    public DistributionRelease Release { get; }

    /// <summary>How many (binary, version) pairs the index holds.</summary>
    public int Count { get; }

    /// <summary>How many binary package names the index holds.</summary>
    public int BinaryCount => _byBinary.Count;

    /// <summary>
    /// The source of <paramref name="binaryName"/> at <paramref name="binaryVersion"/> (<c>epoch:version-release</c>).
    /// An index lists only the versions its release ships now, so an older or newer binary gets the source name its
    /// listed versions have, and a source version derived the way theirs is: the same version, or the same without
    /// a rebuild suffix (Debian's binNMU <c>+b1</c>, Ubuntu's <c>build1</c>). Null when the index lacks the binary.
    /// </summary>
    public IndexedSource? Find(string binaryName, string binaryVersion)
    {
        if (!_byBinary.TryGetValue(binaryName, out var first))
        {
            return null;
        }
        for (var entry = first; entry is not null; entry = entry.Next)
        {
            if (entry.Version == binaryVersion)
            {
                return new IndexedSource(entry.SourceName, entry.SourceVersion ?? entry.Version);
            }
        }
        for (var entry = first; entry is not null; entry = entry.Next)
        {
            if (entry.SourceVersion is null)
            {
                return new IndexedSource(entry.SourceName, binaryVersion);
            }
            if (entry.Version == entry.SourceVersion + RebuildSuffix(entry.Version))
            {
                return new IndexedSource(entry.SourceName, binaryVersion[..^RebuildSuffix(binaryVersion).Length]);
            }
        }
        return new IndexedSource(first.SourceName, null);
    }

    private static string RebuildSuffix(string version) => RebuildSuffixPattern().Match(version).Value;

    [GeneratedRegex(@"\+b[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RebuildSuffixPattern();
}

/// <summary>One (binary, version) of an index; <see cref="SourceVersion"/> is null when it equals <see cref="Version"/>.</summary>
internal sealed class SourceIndexEntry(string version, string sourceName, string? sourceVersion)
{
    public string Version { get; } = version;
    public string SourceName { get; } = sourceName;
    public string? SourceVersion { get; } = sourceVersion;
    public SourceIndexEntry? Next { get; set; }
}
