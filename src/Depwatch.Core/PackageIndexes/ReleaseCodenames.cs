namespace Depwatch.Core.PackageIndexes;

/// <summary>Debian's and Ubuntu's release codenames, which name their package indexes (<c>dists/bookworm/…</c>).</summary>
internal static class ReleaseCodenames
{
    private static readonly Dictionary<string, string> s_debian = new()
    {
        ["7"] = "wheezy", ["8"] = "jessie", ["9"] = "stretch", ["10"] = "buster", ["11"] = "bullseye",
        ["12"] = "bookworm", ["13"] = "trixie", ["14"] = "forky", ["15"] = "duke",
    };

    private static readonly Dictionary<string, string> s_ubuntu = new()
    {
        ["14.04"] = "trusty", ["16.04"] = "xenial", ["18.04"] = "bionic", ["20.04"] = "focal", ["20.10"] = "groovy",
        ["21.04"] = "hirsute", ["21.10"] = "impish", ["22.04"] = "jammy", ["22.10"] = "kinetic", ["23.04"] = "lunar",
        ["23.10"] = "mantic", ["24.04"] = "noble", ["24.10"] = "oracular", ["25.04"] = "plucky", ["25.10"] = "questing",
    };

    private static readonly Dictionary<string, (string Family, string Release)> s_byCodename =
        s_debian.Select(r => (r.Value, (DistributionRelease.Debian, r.Key)))
            .Concat(s_ubuntu.Select(r => (r.Value, (DistributionRelease.Ubuntu, r.Key))))
            .ToDictionary(r => r.Item1, r => r.Item2);

    public static string? CodenameOf(string family, string release) => family switch
    {
        DistributionRelease.Debian => s_debian.GetValueOrDefault(release),
        DistributionRelease.Ubuntu => s_ubuntu.GetValueOrDefault(release),
        _ => null,
    };

    /// <summary>The release a codename names within <paramref name="family"/>, e.g. <c>bookworm</c> → <c>12</c>.</summary>
    public static string? ReleaseOf(string family, string codename) =>
        s_byCodename.TryGetValue(codename, out var release) && release.Family == family ? release.Release : null;

    /// <summary><c>debian</c> for <c>bookworm</c>, <c>ubuntu</c> for <c>jammy</c>.</summary>
    public static string? FamilyOfCodename(string codename) =>
        s_byCodename.TryGetValue(codename, out var release) ? release.Family : null;
}
