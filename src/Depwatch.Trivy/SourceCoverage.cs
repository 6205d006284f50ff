using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.PackageIndexes;
using Depwatch.Trivy.Planning;

namespace Depwatch.Trivy;

/// <summary>
/// How an analysis would resolve the source packages of an inventory's OS packages with these package indexes, without
/// asking Trivy: the same planning an analysis does, for showing what stays unresolved and for telling whether a new
/// index changes a project's analysis.
/// </summary>
public static class SourceCoverage
{
    private static readonly TrivyOptions s_planningOnly = new() { BaseUrl = new Uri("http://planning.invalid/") };

    public static IReadOnlyList<SourceResolution> Of(IReadOnlyList<Component> components, IPackageIndexes? indexes) =>
        new ScanPlanner(s_planningOnly, indexes).Plan(components).Sources;
}
