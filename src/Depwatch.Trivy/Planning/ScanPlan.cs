using Depwatch.Core.Analysis;

namespace Depwatch.Trivy.Planning;

internal sealed record ScanPlan(IReadOnlyList<ScanUnit> Units, IReadOnlyList<SkippedComponent> Skipped)
{
    public int PackageCount => Units.Sum(u => u.PackageCount);
}
