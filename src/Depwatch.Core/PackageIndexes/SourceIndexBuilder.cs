using Depwatch.Core.Sbom;

namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// Collects (binary, version) → source pairs from one or more index files of a release: several suites (a release,
/// its updates, its security fixes), components and architectures. Repeated text is held once.
/// </summary>
public sealed class SourceIndexBuilder(DistributionRelease release)
{
    private readonly Dictionary<string, SourceIndexEntry> _byBinary = new(StringComparer.Ordinal);
    private readonly StringPool _strings = new();
    private int _count;

    public DistributionRelease Release { get; } = release;

    /// <param name="sourceName">Empty when the binary is its own source.</param>
    /// <param name="sourceVersion">Empty when the source has the binary's version.</param>
    public void Add(ReadOnlySpan<char> binaryName, ReadOnlySpan<char> version, ReadOnlySpan<char> sourceName, ReadOnlySpan<char> sourceVersion)
    {
        var lookup = _byBinary.GetAlternateLookup<ReadOnlySpan<char>>();
        lookup.TryGetValue(binaryName, out var key, out var first);
        for (var entry = first; entry is not null; entry = entry.Next)
        {
            if (entry.Version.AsSpan().SequenceEqual(version))
            {
                return;
            }
        }
        var source = _strings.Get(sourceName.IsEmpty ? binaryName : sourceName);
        key ??= source.AsSpan().SequenceEqual(binaryName) ? source : binaryName.ToString();
        var versionText = _strings.Get(version);
        var ownVersion = sourceVersion.IsEmpty || sourceVersion.SequenceEqual(version) ? null : _strings.Get(sourceVersion);
        _byBinary[key] = new SourceIndexEntry(versionText, source, ownVersion) { Next = first };
        _count++;
    }

    public SourceIndex Build() => new(Release, _byBinary, _count);
}
