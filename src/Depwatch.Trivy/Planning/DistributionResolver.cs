using Depwatch.Core.PackageIndexes;
using Depwatch.Core.Purl;

namespace Depwatch.Trivy.Planning;

/// <summary>
/// Tells which distribution an OS package belongs to: the family from the purl namespace (or the
/// <c>distro</c> qualifier's prefix), the version from a matching operating-system component, else from
/// the <c>distro</c> qualifier.
/// </summary>
internal static class DistributionResolver
{
    public static OperatingSystem? Resolve(PackageUrl purl, IReadOnlyList<OperatingSystem> systems, out string? problem)
    {
        problem = null;
        var distro = purl.Qualifier("distro");
        var family = OsFamilies.Normalize(purl.Namespace) ?? OsFamilies.FamilyFromDistroQualifier(distro);
        var version = OsFamilies.VersionFromDistroQualifier(distro);
        // The purl specification's own example names the release by its codename: distro=jessie (or debian-jessie).
        if ((version is null || !char.IsAsciiDigit(version[0])) && DistributionRelease.Parse(distro) is { } named && (family is null || family == named.Family))
        {
            (family, version) = (named.Family, named.Release);
        }
        if (family is null)
        {
            if (systems.Count == 1)
            {
                return systems[0];
            }
            problem = $"cannot tell which distribution it belongs to: Trivy knows no distribution '{purl.Namespace}'"
                + (systems.Count == 0 ? " and the SBOM has no operating-system component" : $" and the SBOM names {systems.Count} operating systems");
            return null;
        }
        var sameFamily = systems.Where(s => s.Family == family).ToList();
        var described = sameFamily.FirstOrDefault(s => version is null || IsSameOrMoreSpecific(s.Version, version));
        if (described is not null)
        {
            return described;
        }
        if (version is not null)
        {
            return new OperatingSystem(family, version);
        }
        problem = $"has no {family} version: add an operating-system component to the SBOM or a distro qualifier to the purl";
        return null;
    }

    private static bool IsSameOrMoreSpecific(string candidate, string version) =>
        candidate == version || candidate.StartsWith(version + ".", StringComparison.Ordinal);
}
