using Depwatch.Core.Analysis;
using Depwatch.Core.Findings;

namespace Depwatch.Cli.Output;

/// <summary>What one <c>depwatch scan</c> found.</summary>
/// <param name="Source">The SBOM file as the user named it.</param>
/// <param name="Components">Every component of the SBOM.</param>
/// <param name="Analyzed">Components sent to Trivy.</param>
/// <param name="Findings">What was found, less what a VEX suppressed.</param>
internal sealed record ScanReport(
    string Source,
    int Components,
    int Analyzed,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<SkippedComponent> Skipped)
{
    /// <summary>Findings a VEX suppressed, each carrying the decision as its analysis; left out of <see cref="Findings"/>.</summary>
    public IReadOnlyList<Finding> Suppressed { get; init; } = [];

    /// <summary><c>--show-suppressed</c>: list the suppressed findings, marked, with the others.</summary>
    public bool ShowSuppressed { get; init; }

    /// <summary>What the report lists: the findings, and the suppressed ones when they are shown.</summary>
    public IEnumerable<Finding> Listed => ShowSuppressed ? Findings.Concat(Suppressed) : Findings;
}
