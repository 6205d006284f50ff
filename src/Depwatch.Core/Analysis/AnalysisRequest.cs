using Depwatch.Core.Components;
using Depwatch.Core.PackageIndexes;

namespace Depwatch.Core.Analysis;

/// <param name="Components">The inventory; every <see cref="Component.Key"/> must be unique.</param>
/// <param name="TargetName">A display name for the analysed software, e.g. the SBOM's root component.</param>
public sealed record AnalysisRequest(IReadOnlyList<Component> Components, string? TargetName = null)
{
    /// <summary>Package indexes that name the source packages of OS packages whose SBOM entries do not.</summary>
    public IPackageIndexes? PackageIndexes { get; init; }
}
