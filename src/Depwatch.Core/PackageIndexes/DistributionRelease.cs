namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// A release of a distribution whose advisories are keyed by source package, as its package indexes name it:
/// <c>debian 12</c> (bookworm), <c>ubuntu 22.04</c> (jammy), <c>alpine 3.19</c>. Point releases share their
/// release's indexes, so <c>debian 12.5</c> and <c>alpine 3.19.1</c> are <c>debian 12</c> and <c>alpine 3.19</c>.
/// </summary>
public sealed record DistributionRelease
{
    public const string Debian = "debian";
    public const string Ubuntu = "ubuntu";
    public const string Alpine = "alpine";

    private DistributionRelease(string family, string release)
    {
        Family = family;
        Release = release;
    }

    /// <summary><c>debian</c>, <c>ubuntu</c> or <c>alpine</c>.</summary>
    public string Family { get; }

    /// <summary><c>12</c>, <c>22.04</c>, <c>3.19</c> or <c>edge</c>.</summary>
    public string Release { get; }

    /// <summary>Debian's and Ubuntu's name for the release (<c>bookworm</c>, <c>jammy</c>); null for Alpine and unknown releases.</summary>
    public string? Codename => ReleaseCodenames.CodenameOf(Family, Release);

    /// <summary>Whether advisories for <paramref name="family"/> (a Trivy OS family) are keyed by source package.</summary>
    public static bool IsKeyedBySource(string family) => family is Debian or Ubuntu or Alpine;

    /// <summary>
    /// The release an OS version belongs to: <c>("debian", "12.5")</c> → <c>debian 12</c>, <c>("ubuntu", "jammy")</c>
    /// → <c>ubuntu 22.04</c>; null when the family has no source-keyed indexes or the version names no release.
    /// </summary>
    public static DistributionRelease? For(string family, string? version)
    {
        if (!IsKeyedBySource(family) || string.IsNullOrWhiteSpace(version))
        {
            return null;
        }
        version = version.Trim().ToLowerInvariant();
        if (ReleaseCodenames.ReleaseOf(family, version) is { } named)
        {
            return new DistributionRelease(family, named);
        }
        var release = family switch
        {
            Debian => FirstParts(version, 1),
            Alpine when version == "edge" => version,
            _ => FirstParts(version, 2),
        };
        return release is null ? null : new DistributionRelease(family, release);
    }

    /// <summary>
    /// Reads <c>debian-12</c>, <c>debian-bookworm</c>, <c>ubuntu-22.04</c>, <c>alpine-3.19</c> (the purl <c>distro</c>
    /// qualifier's form) or a bare codename such as <c>bookworm</c>; null when it names none of these.
    /// </summary>
    public static DistributionRelease? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim().ToLowerInvariant();
        if (ReleaseCodenames.FamilyOfCodename(text) is { } family)
        {
            return For(family, text);
        }
        var dash = text.IndexOf('-');
        return dash > 0 ? For(text[..dash], text[(dash + 1)..].TrimStart('v')) : null;
    }

    /// <summary>The purl <c>distro</c> form, e.g. <c>debian-12</c>.</summary>
    public override string ToString() => $"{Family}-{Release}";

    /// <summary>For people: <c>Debian 12 (bookworm)</c>, <c>Alpine 3.19</c>.</summary>
    public string DisplayName =>
        $"{char.ToUpperInvariant(Family[0])}{Family[1..]} {Release}" + (Codename is { } codename ? $" ({codename})" : "");

    // "12.5" → "12" (parts = 1), "3.19.1" → "3.19" (parts = 2); null unless the version starts with that many numbers.
    private static string? FirstParts(string version, int parts)
    {
        var numbers = version.Split('.');
        return numbers.Length >= parts && numbers.Take(parts).All(n => n.Length > 0 && n.All(char.IsAsciiDigit))
            ? string.Join('.', numbers.Take(parts))
            : null;
    }
}
