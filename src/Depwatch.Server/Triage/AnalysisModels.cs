using Depwatch.Core.Triage;

namespace Depwatch.Server.Triage;

/// <summary>A decision as a client sends it; a null <see cref="Suppressed"/> leaves suppression as it was.</summary>
internal sealed record AnalysisChange(
    AnalysisState State,
    AnalysisJustification Justification,
    AnalysisResponse Response,
    string? Details,
    string? Comment,
    bool? Suppressed);

/// <summary>The finding a decision is about: a vulnerability in a component of a project.</summary>
internal sealed record FindingKey(Guid ProjectId, Guid ComponentId, Guid VulnerabilityId);

/// <summary>A change to the decision about a vulnerability in the component with this identity in a project.</summary>
internal sealed record DecisionChange(Guid ProjectId, string Identity, Guid VulnerabilityId, AnalysisChange Change);

/// <summary>One entry of a decision's audit trail.</summary>
internal sealed record AnalysisComment(DateTimeOffset Timestamp, string Commenter, string Comment);

/// <summary>A decision and its audit trail, oldest entry first.</summary>
internal sealed record AnalysisRecord(FindingAnalysis Analysis, IReadOnlyList<AnalysisComment> Comments);

internal enum AnalysisLookup
{
    Found,
    NoAnalysis,
    ProjectNotFound,
    ComponentNotFound,
    VulnerabilityNotFound,
}

internal sealed record AnalysisResult(AnalysisLookup Outcome, AnalysisRecord? Record = null);
