using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.PackageIndexes;
using Depwatch.Core.Purl;

namespace Depwatch.Trivy.Planning;

/// <summary>
/// The source package of each OS package: the one the SBOM names, else, for Debian, Ubuntu and Alpine, the one the
/// release's package index names, else the binary itself. Keeps count, per release, of what had to be looked up.
/// </summary>
internal sealed class SourceResolver(IPackageIndexes? indexes)
{
    private readonly Dictionary<DistributionRelease, Tally> _tallies = [];

    public SourcePackage For(Component component, PackageUrl purl, OperatingSystem os, OsVersion binary)
    {
        if (SourcePackage.Declared(component, purl, binary) is { } declared)
        {
            return declared;
        }
        var itself = new SourcePackage(purl.Name, binary);
        if (DistributionRelease.For(os.Family, os.Version) is not { } release)
        {
            return itself;
        }
        var index = indexes?.For(release);
        var tally = TallyOf(release, index is not null, purl.Qualifier("arch"));
        if (index?.Find(purl.Name, FullVersion(binary)) is { Version: { } version } found)
        {
            tally.Resolved++;
            return new SourcePackage(found.Name, OsVersion.Parse(version, splitRelease: purl.Type != "apk"));
        }
        return itself;
    }

    public IReadOnlyList<SourceResolution> Resolutions =>
    [
        .. _tallies.Select(t => new SourceResolution(t.Key, t.Value.WithoutSource, t.Value.Resolved, t.Value.IndexAvailable,
            [.. t.Value.Architectures.Order(StringComparer.Ordinal)])),
    ];

    private Tally TallyOf(DistributionRelease release, bool indexAvailable, string? architecture)
    {
        if (!_tallies.TryGetValue(release, out var tally))
        {
            _tallies[release] = tally = new Tally { IndexAvailable = indexAvailable };
        }
        tally.WithoutSource++;
        if (!string.IsNullOrEmpty(architecture))
        {
            tally.Architectures.Add(architecture);
        }
        return tally;
    }

    // As the indexes write it: "1:4.13+dfsg1-1+b1"; apk versions keep their "-rN" in Version.
    private static string FullVersion(OsVersion version) =>
        (version.Epoch > 0 ? $"{version.Epoch}:" : "") + version.Version + (version.Release.Length > 0 ? "-" + version.Release : "");

    private sealed class Tally
    {
        public int WithoutSource { get; set; }
        public int Resolved { get; set; }
        public bool IndexAvailable { get; init; }
        public HashSet<string> Architectures { get; } = new(StringComparer.Ordinal);
    }
}
