using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Server.Analysis;

/// <summary>The counts of a project's (or the portfolio's) unresolved findings, as Dependency-Track's metrics report them.</summary>
public sealed record FindingMetrics(
    int Critical, int High, int Medium, int Low, int Unassigned, int Vulnerabilities, int VulnerableComponents, int Components)
{
    public static FindingMetrics None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Findings a decision suppressed: counted here and nowhere else.</summary>
    public int Suppressed { get; init; }

    /// <summary>Counted findings with a decision (<see cref="Depwatch.Core.Triage.FindingAnalysis.IsAudited"/>).</summary>
    public int Audited { get; init; }

    /// <summary>The open policy violations no decision suppressed.</summary>
    public ViolationMetrics Violations { get; init; } = ViolationMetrics.None;

    /// <summary>Dependency-Track's weights: 10 critical, 5 high, 3 medium, 1 low, 5 unassigned.</summary>
    public double InheritedRiskScore => (10.0 * Critical) + (5.0 * High) + (3.0 * Medium) + Low + (5.0 * Unassigned);

    public static FindingMetrics operator +(FindingMetrics a, FindingMetrics b) => new(
        a.Critical + b.Critical, a.High + b.High, a.Medium + b.Medium, a.Low + b.Low, a.Unassigned + b.Unassigned,
        a.Vulnerabilities + b.Vulnerabilities, a.VulnerableComponents + b.VulnerableComponents, a.Components + b.Components)
    {
        Suppressed = a.Suppressed + b.Suppressed,
        Audited = a.Audited + b.Audited,
        Violations = a.Violations + b.Violations,
    };

    /// <summary>One counted vulnerability of the given severity; INFO counts as low, as in Dependency-Track.</summary>
    public FindingMetrics With(Severity severity) => severity switch
    {
        Severity.Critical => this with { Critical = Critical + 1, Vulnerabilities = Vulnerabilities + 1 },
        Severity.High => this with { High = High + 1, Vulnerabilities = Vulnerabilities + 1 },
        Severity.Medium => this with { Medium = Medium + 1, Vulnerabilities = Vulnerabilities + 1 },
        Severity.Low or Severity.Info => this with { Low = Low + 1, Vulnerabilities = Vulnerabilities + 1 },
        _ => this with { Unassigned = Unassigned + 1, Vulnerabilities = Vulnerabilities + 1 },
    };
}
