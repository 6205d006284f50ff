using Depwatch.Core.Analysis;
using Depwatch.Core.Findings;

namespace Depwatch.Cli.Output;

/// <summary>What one <c>depwatch scan</c> found.</summary>
/// <param name="Source">The SBOM file as the user named it.</param>
/// <param name="Components">Every component of the SBOM.</param>
/// <param name="Analyzed">Components sent to Trivy.</param>
internal sealed record ScanReport(
    string Source,
    int Components,
    int Analyzed,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<SkippedComponent> Skipped);
