namespace Depwatch.Core.Triage;

/// <summary>
/// A decision about one finding, in Dependency-Track's terms (which are CycloneDX's impact analysis): whether the
/// component is affected, why not, what is being done, and whether the finding is suppressed from counts and lists.
/// </summary>
public sealed record FindingAnalysis(
    AnalysisState State,
    AnalysisJustification Justification,
    AnalysisResponse Response,
    string? Details,
    bool IsSuppressed)
{
    public static FindingAnalysis None { get; } = new(AnalysisState.NotSet, AnalysisJustification.NotSet, AnalysisResponse.NotSet, null, false);

    /// <summary>
    /// Dependency-Track's "audited": a decision was made (the state is neither unset nor still in triage) and the
    /// finding is not suppressed.
    /// </summary>
    public bool IsAudited => !IsSuppressed && State is not (AnalysisState.NotSet or AnalysisState.InTriage);
}

public enum AnalysisState
{
    NotSet,
    Exploitable,
    InTriage,
    Resolved,
    FalsePositive,
    NotAffected,
}

/// <summary>Why a component is not affected (CycloneDX's justifications).</summary>
public enum AnalysisJustification
{
    NotSet,
    CodeNotPresent,
    CodeNotReachable,
    RequiresConfiguration,
    RequiresDependency,
    RequiresEnvironment,
    ProtectedByCompiler,
    ProtectedAtRuntime,
    ProtectedAtPerimeter,
    ProtectedByMitigatingControl,
}

/// <summary>What the vendor of the component does about the vulnerability.</summary>
public enum AnalysisResponse
{
    NotSet,
    CanNotFix,
    WillNotFix,
    Update,
    Rollback,
    WorkaroundAvailable,
}
