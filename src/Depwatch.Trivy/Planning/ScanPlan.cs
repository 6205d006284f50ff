using Depwatch.Core.Analysis;

namespace Depwatch.Trivy.Planning;

internal sealed record ScanPlan(IReadOnlyList<ScanUnit> Units, IReadOnlyList<SkippedComponent> Skipped)
{
    public int PackageCount => Units.Sum(u => u.PackageCount);

    /// <summary>Per release, how the OS packages whose SBOM entries name no source package were resolved.</summary>
    public IReadOnlyList<SourceResolution> Sources { get; init; } = [];
}
