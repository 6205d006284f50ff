using System.Globalization;

namespace Depwatch.Core.Purl;

/// <summary>
/// The epoch of deb and rpm versions (<c>7:5.1.6-0+deb12u1</c>), which their purls carry in the <c>epoch</c> qualifier
/// rather than in the version. Generators lose it on one side or the other: Trivy before 0.50 wrote the component's
/// version without it, cdxgen writes purls without the qualifier. Versions compare wrongly without it.
/// </summary>
public static class EpochVersions
{
    /// <summary>
    /// The package's version with its epoch first, as dpkg and rpm write it: the purl's version with the epoch of its
    /// qualifier, or the component's version when that is the purl's version with an epoch the purl lost.
    /// </summary>
    public static string? Full(PackageUrl purl, string? componentVersion)
    {
        var version = purl.Version ?? componentVersion;
        if (version is null || purl.Type is not ("deb" or "rpm") || EpochLength(version) > 0)
        {
            return version;
        }
        if (int.TryParse(purl.Qualifier("epoch"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch > 0)
        {
            return epoch.ToString(CultureInfo.InvariantCulture) + ":" + version;
        }
        var componentEpoch = componentVersion is null ? 0 : EpochLength(componentVersion);
        return componentEpoch > 0 && componentVersion.AsSpan(componentEpoch + 1).SequenceEqual(version) ? componentVersion : version;
    }

    /// <summary>A component's version with its purl's epoch, when the version is the purl's without it.</summary>
    public static string? Complete(string? componentVersion, PackageUrl? purl) =>
        purl is not null && componentVersion is not null && componentVersion == purl.Version ? Full(purl, componentVersion) : componentVersion;

    // The length of the "N" in "N:version", or 0 when the version has no epoch.
    private static int EpochLength(string version)
    {
        var colon = version.IndexOf(':');
        return colon > 0 && !version.AsSpan(0, colon).ContainsAnyExceptInRange('0', '9') ? colon : 0;
    }
}
