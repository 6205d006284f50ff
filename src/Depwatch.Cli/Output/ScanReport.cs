using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.Findings;
using Depwatch.Core.Policies;

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

    /// <summary>Whether <c>--policy</c> gave policies; the report then has a violations section, even an empty one.</summary>
    public bool PoliciesEvaluated { get; init; }

    /// <summary>The policy violations of the SBOM's components, in component order.</summary>
    public IReadOnlyList<ComponentViolation> Violations { get; init; } = [];

    /// <summary>What the report lists: the findings, and the suppressed ones when they are shown.</summary>
    public IEnumerable<Finding> Listed => ShowSuppressed ? Findings.Concat(Suppressed) : Findings;
}

/// <summary>A condition of a policy that holds for one component of the SBOM.</summary>
internal sealed record ComponentViolation(Component Component, PolicyConditionViolation Violation)
{
    public Policy Policy => Violation.Policy;

    public PolicyCondition Condition => Violation.Condition;

    /// <summary>E.g. <c>LICENSE_GROUP IS Copyleft</c>.</summary>
    public string ConditionText => $"{PolicyNames.Name(Condition.Subject)} {PolicyNames.Name(Condition.Operator)} {Condition.Value}";
}
