using System.Text.RegularExpressions;

namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// Where a package index is and which release it describes, written <c>[RELEASE=]PATH_OR_URL</c>: <c>RELEASE</c> as
/// a purl <c>distro</c> qualifier (<c>debian-12</c>, <c>ubuntu-22.04</c>, <c>alpine-3.19</c>) or a codename, needed
/// only when the location does not name it (<c>…/dists/bookworm/main/binary-amd64/Packages.xz</c>, apt's list files
/// such as <c>…_dists_bookworm-security_main_binary-amd64_Packages</c>, <c>…/alpine/v3.19/main/x86_64/APKINDEX.tar.gz</c>).
/// </summary>
public sealed partial record PackageIndexSource(DistributionRelease Release, string Location)
{
    /// <summary>Whether <see cref="Location"/> is an http or https URL rather than a file.</summary>
    public bool IsUrl => Uri.TryCreate(Location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The location as it may be shown and logged: a URL without user name, password or query.</summary>
    public string DisplayLocation => IsUrl ? Redacted(new Uri(Location)) : Location;

    /// <summary><paramref name="url"/> without the parts that may carry credentials: user name, password, query.</summary>
    public static string Redacted(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <returns>Null with <paramref name="problem"/> saying why when <paramref name="text"/> names no release and location.</returns>
    public static PackageIndexSource? Parse(string text, out string? problem)
    {
        problem = null;
        text = text.Trim();
        var equals = text.IndexOf('=');
        if (equals > 0 && !text[..equals].Contains('/') && !text[..equals].Contains(':'))
        {
            var named = DistributionRelease.Parse(text[..equals]);
            if (named is null)
            {
                problem = $"'{text[..equals]}' in '{text}' names no Debian, Ubuntu or Alpine release (write e.g. debian-12, ubuntu-22.04, alpine-3.19)";
                return null;
            }
            return Located(named, text[(equals + 1)..], out problem);
        }
        if (Infer(text) is { } inferred)
        {
            return Located(inferred, text, out problem);
        }
        problem = $"cannot tell which release '{text}' indexes: write it as RELEASE=LOCATION, e.g. debian-12={text}";
        return null;
    }

    /// <summary>The release a path or URL names: <c>dists/CODENAME[-suite]</c>, or an Alpine <c>vX.Y</c> folder.</summary>
    public static DistributionRelease? Infer(string location)
    {
        var parts = PartSeparators().Split(location);
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i] == "dists" && DistributionRelease.Parse(parts[i + 1].Split('-')[0]) is { } release)
            {
                return release;
            }
        }
        return parts.Select(part => AlpineRelease().Match(part))
            .Where(match => match.Success)
            .Select(match => DistributionRelease.For(DistributionRelease.Alpine, match.Groups[1].Value))
            .FirstOrDefault();
    }

    private static PackageIndexSource? Located(DistributionRelease release, string location, out string? problem)
    {
        problem = string.IsNullOrWhiteSpace(location) ? $"no path or URL is given for {release}" : null;
        return problem is null ? new PackageIndexSource(release, location.Trim()) : null;
    }

    [GeneratedRegex("[/_\\\\]")]
    private static partial Regex PartSeparators();

    [GeneratedRegex(@"^v([0-9]+\.[0-9]+)$")]
    private static partial Regex AlpineRelease();
}
