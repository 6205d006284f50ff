using Depwatch.Core.Components;
using Depwatch.Core.Purl;

namespace Depwatch.Trivy.Planning;

/// <summary>
/// The source package an OS package was built from. Debian, Ubuntu and Alpine advisories are keyed by it,
/// so an SBOM that does not say it finds nothing for binaries such as <c>libssl3</c> (source <c>openssl</c>).
/// </summary>
internal readonly record struct SourcePackage(string Name, OsVersion Version)
{
    /// <summary>From Trivy's properties, else the purl's <c>upstream</c> qualifier, else the binary itself.</summary>
    public static SourcePackage For(Component component, PackageUrl purl, string binaryName, OsVersion binary) =>
        Declared(component, purl, binary) ?? new SourcePackage(binaryName, binary);

    /// <summary>The source the SBOM names (Trivy's properties, else the purl's <c>upstream</c> qualifier), or null.</summary>
    public static SourcePackage? Declared(Component component, PackageUrl purl, OsVersion binary) =>
        FromTrivyProperties(component, binary) ?? FromUpstream(purl, binary);

    private static SourcePackage? FromTrivyProperties(Component component, OsVersion binary)
    {
        var name = component.Property(TrivyProperties.SrcName);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }
        var version = component.Property(TrivyProperties.SrcVersion);
        if (string.IsNullOrEmpty(version))
        {
            return new SourcePackage(name, binary);
        }
        _ = int.TryParse(component.Property(TrivyProperties.SrcEpoch), out var epoch);
        return new SourcePackage(name, new OsVersion(epoch, version, component.Property(TrivyProperties.SrcRelease) ?? ""));
    }

    // deb and apk: "openssl", "openssl@3.0.11-1" or "openssl (3.0.11-1)";
    // rpm: the source rpm file name, "openssl-3.0.7-24.el9.src.rpm".
    private static SourcePackage? FromUpstream(PackageUrl purl, OsVersion binary)
    {
        var upstream = purl.Qualifier("upstream")?.Trim();
        if (string.IsNullOrEmpty(upstream))
        {
            return null;
        }
        return purl.Type == "rpm" ? FromSourceRpm(upstream, binary) : FromNameAndVersion(upstream, binary, purl.Type != "apk");
    }

    private static SourcePackage FromNameAndVersion(string upstream, OsVersion binary, bool splitRelease)
    {
        var separator = upstream.IndexOfAny(['@', ' ']);
        if (separator < 0)
        {
            return new SourcePackage(upstream, binary);
        }
        var version = upstream[(separator + 1)..].Trim().Trim('(', ')');
        var name = upstream[..separator];
        return version.Length == 0 ? new SourcePackage(name, binary) : new SourcePackage(name, OsVersion.Parse(version, splitRelease));
    }

    private static SourcePackage FromSourceRpm(string upstream, OsVersion binary)
    {
        var file = StripSuffix(StripSuffix(upstream, ".rpm"), ".src");
        file = StripSuffix(file, ".nosrc");
        var releaseDash = file.LastIndexOf('-');
        var versionDash = releaseDash > 0 ? file.LastIndexOf('-', releaseDash - 1) : -1;
        if (versionDash <= 0)
        {
            return new SourcePackage(file, binary);
        }
        var version = new OsVersion(binary.Epoch, file[(versionDash + 1)..releaseDash], file[(releaseDash + 1)..]);
        return new SourcePackage(file[..versionDash], version);
    }

    private static string StripSuffix(string text, string suffix) =>
        text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? text[..^suffix.Length] : text;
}
