namespace Depwatch.Core.PackageIndexes;

/// <summary>The base URLs of the distributions' mirrors; the defaults are the official ones.</summary>
public sealed record MirrorBases
{
    public Uri Debian { get; init; } = new("https://deb.debian.org/debian/");
    public Uri DebianSecurity { get; init; } = new("https://deb.debian.org/debian-security/");
    public Uri Ubuntu { get; init; } = new("http://archive.ubuntu.com/ubuntu/");

    /// <summary>Ubuntu for architectures other than amd64 and i386.</summary>
    public Uri UbuntuPorts { get; init; } = new("http://ports.ubuntu.com/ubuntu-ports/");

    public Uri Alpine { get; init; } = new("https://dl-cdn.alpinelinux.org/alpine/");

    /// <summary>Debian and Ubuntu archive areas to index (<c>main</c>, <c>universe</c>, …); Alpine's are main and community.</summary>
    public IReadOnlyList<string> Components { get; init; } = ["main"];
}

/// <summary>
/// Where a release's package indexes are on its mirrors: for Debian the release, its <c>-updates</c> and its
/// <c>-security</c> suites (<c>dists/bookworm/main/binary-amd64/Packages.xz</c>); for Ubuntu the release, <c>-updates</c>
/// and <c>-security</c>; for Alpine <c>v3.19/main/x86_64/APKINDEX.tar.gz</c> and <c>community</c>.
/// </summary>
public static class MirrorLayout
{
    /// <param name="architecture">As purls write it (<c>amd64</c>, <c>x86_64</c>, <c>all</c>, …); null for the usual one.</param>
    public static IReadOnlyList<Uri> IndexUrls(DistributionRelease release, string? architecture, MirrorBases bases)
    {
        var arch = IndexArchitecture(release.Family, architecture);
        switch (release.Family)
        {
            case DistributionRelease.Debian when release.Codename is { } codename:
                return
                [
                    .. Suites(bases.Debian, [codename, codename + "-updates"], bases.Components, arch),
                    .. Suites(bases.DebianSecurity, [codename + "-security"], bases.Components, arch),
                ];
            case DistributionRelease.Ubuntu when release.Codename is { } codename:
                var ubuntu = arch is "amd64" or "i386" ? bases.Ubuntu : bases.UbuntuPorts;
                return Suites(ubuntu, [codename, codename + "-updates", codename + "-security"], bases.Components, arch);
            case DistributionRelease.Alpine:
                var branch = release.Release == "edge" ? "edge" : "v" + release.Release;
                return [.. new[] { "main", "community" }.Select(repository => Under(bases.Alpine, $"{branch}/{repository}/{arch}/APKINDEX.tar.gz"))];
            default:
                return [];
        }
    }

    /// <summary>The architecture whose index lists a package: architecture-independent packages are in every one.</summary>
    public static string IndexArchitecture(string family, string? architecture) => family == DistributionRelease.Alpine
        ? architecture is null or "" or "noarch" ? "x86_64" : architecture
        : architecture is null or "" or "all" ? "amd64" : architecture;

    private static Uri[] Suites(Uri mirror, string[] suites, IReadOnlyList<string> components, string arch) =>
        [.. from suite in suites from component in components select Under(mirror, $"dists/{suite}/{component}/binary-{arch}/Packages.xz")];

    private static Uri Under(Uri mirror, string relative) =>
        new(mirror.AbsoluteUri.EndsWith('/') ? mirror : new Uri(mirror.AbsoluteUri + "/"), relative);
}
