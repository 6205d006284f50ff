using Depwatch.Core.Findings;

namespace Depwatch.Trivy.Tests.Parity;

/// <summary>What two analyses of the same software must agree on, per finding.</summary>
/// <param name="Package">The component's bom-ref in the Trivy-made SBOM.</param>
internal sealed record ParityFinding(string Package, string VulnId, string FixedVersion, string Severity, string Status)
{
    public override string ToString() => $"{Package} {VulnId} fixed={FixedVersion} {Severity} {Status}";

    /// <summary>A Depwatch finding, its severity spelled as Trivy's report spells it.</summary>
    public static ParityFinding From(Finding finding)
    {
        var severity = finding.Vulnerability.Severity.ToString().ToUpperInvariant();
        return new ParityFinding(finding.Component.BomRef!, finding.Vulnerability.VulnId, finding.FixedVersion ?? "",
            severity == "UNASSIGNED" ? "UNKNOWN" : severity, StatusName(finding.Status));
    }

    /// <summary>Trivy's report spelling of a status.</summary>
    public static string StatusName(FindingStatus status) => status switch
    {
        FindingStatus.NotAffected => "not_affected",
        FindingStatus.Affected => "affected",
        FindingStatus.Fixed => "fixed",
        FindingStatus.UnderInvestigation => "under_investigation",
        FindingStatus.WillNotFix => "will_not_fix",
        FindingStatus.FixDeferred => "fix_deferred",
        FindingStatus.EndOfLife => "end_of_life",
        _ => "unknown",
    };
}
