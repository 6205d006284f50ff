using Depwatch.Core.Components;
using Depwatch.Core.Findings;

namespace Depwatch.Core.Analysis;

/// <param name="Findings">One per (component, vulnerability).</param>
/// <param name="AnalyzedComponents">How many components were sent to the analyzer.</param>
/// <param name="Skipped">Components the analyzer cannot analyse, each with the reason.</param>
public sealed record AnalysisResult(
    IReadOnlyList<Finding> Findings,
    int AnalyzedComponents,
    IReadOnlyList<SkippedComponent> Skipped)
{
    /// <summary>Per distribution release, how the OS packages without a named source package were resolved.</summary>
    public IReadOnlyList<SourceResolution> SourceResolutions { get; init; } = [];
}

public sealed record SkippedComponent(Component Component, string Reason);
