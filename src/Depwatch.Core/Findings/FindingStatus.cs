namespace Depwatch.Core.Findings;

/// <summary>Whether and how a vulnerability is fixed for the affected package (Trivy's status values).</summary>
public enum FindingStatus
{
    Unknown = 0,
    NotAffected = 1,
    Affected = 2,
    Fixed = 3,
    UnderInvestigation = 4,
    WillNotFix = 5,
    FixDeferred = 6,
    EndOfLife = 7,
}
