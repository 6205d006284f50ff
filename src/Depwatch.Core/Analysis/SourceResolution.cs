using Depwatch.Core.PackageIndexes;

namespace Depwatch.Core.Analysis;

/// <summary>
/// How the source packages were found for the OS packages of one release whose SBOM entries name none (no Trivy
/// source properties, no purl <c>upstream</c> qualifier). Advisories of that release are keyed by source package, so
/// the <see cref="Unresolved"/> ones are matched under their own name only and may miss vulnerabilities.
/// </summary>
/// <param name="WithoutSource">OS packages of the release whose SBOM entry names no source package.</param>
/// <param name="ResolvedByIndex">Of those, how many a package index resolved.</param>
/// <param name="IndexAvailable">Whether an index of the release was at hand.</param>
/// <param name="Architectures">The packages' architectures (purl <c>arch</c> qualifier), e.g. <c>amd64</c>.</param>
public sealed record SourceResolution(
    DistributionRelease Release, int WithoutSource, int ResolvedByIndex, bool IndexAvailable, IReadOnlyList<string> Architectures)
{
    public int Unresolved => WithoutSource - ResolvedByIndex;

    /// <summary>For people, e.g. <c>2 packages of Debian 12 (bookworm) name no source package</c>.</summary>
    public string UnresolvedSummary => Unresolved == 1
        ? $"1 package of {Release.DisplayName} names no source package"
        : $"{Unresolved} packages of {Release.DisplayName} name no source package";
}
