using Depwatch.Core.PackageIndexes;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Testing.PackageIndexes;

/// <summary>
/// The package indexes under <c>testdata/package-indexes</c>, laid out as the mirrors lay them out (written by
/// <c>make-fixtures.py</c> there), describing the fixture root filesystems.
/// </summary>
public static class PackageIndexFixtures
{
    public const string DebianMain = "debian/dists/bookworm/main/binary-amd64/Packages.xz";
    public const string DebianSecurity = "debian-security/dists/bookworm-security/main/binary-amd64/Packages.xz";
    public const string UbuntuMain = "ubuntu/dists/jammy/main/binary-amd64/Packages.xz";
    public const string AlpineMain = "alpine/v3.19/main/x86_64/APKINDEX.tar.gz";
    public const string AlpineCommunity = "alpine/v3.19/community/x86_64/APKINDEX.tar.gz";

    /// <summary>The folder that plays each distribution's mirror: <c>debian/</c>, <c>ubuntu/</c>, <c>alpine/</c>, ….</summary>
    public static string Root => RepositoryRoot.PathOf("testdata", "package-indexes");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The indexes of each fixture root filesystem's release (rootfs name → index files).</summary>
    public static IReadOnlyDictionary<string, string[]> ForRootfs { get; } = new Dictionary<string, string[]>
    {
        ["debian12"] = [DebianMain, DebianSecurity],
        ["ubuntu2204"] = [UbuntuMain],
        ["alpine319"] = [AlpineMain, AlpineCommunity],
    };

    /// <summary>One release's index read from the given fixture files, its release told by their paths.</summary>
    public static SourceIndex Load(params string[] relativePaths)
    {
        var release = PackageIndexSource.Infer(relativePaths[0]) ?? throw new ArgumentException($"No release in {relativePaths[0]}.");
        var builder = new SourceIndexBuilder(release);
        foreach (var relative in relativePaths)
        {
            using var stream = File.OpenRead(PathOf(relative));
            PackageIndexReader.Read(stream, builder);
        }
        return builder.Build();
    }
}
