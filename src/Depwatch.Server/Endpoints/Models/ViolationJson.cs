using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's PolicyViolation object (timestamp in epoch milliseconds).</summary>
public sealed record ViolationJson(
    Guid Uuid, string Type, long Timestamp, PolicyConditionJson PolicyCondition, ComponentJson Component, ProjectRefJson Project,
    ViolationAnalysisJson Analysis)
{
    public static ViolationJson From(PolicyViolationEntity violation, PolicyConditionEntity condition, PolicyEntity policy,
        ComponentEntity component, ProjectEntity project) => new(
        violation.Id, violation.Type, violation.Timestamp.ToUnixTimeMilliseconds(), PolicyConditionJson.From(condition, policy),
        ComponentJson.From(component, project), ProjectRefJson.From(project), ViolationAnalysisJson.From(violation, null));
}

/// <summary>
/// Dependency-Track's ViolationAnalysis object: <c>APPROVED</c>, <c>REJECTED</c> or <c>NOT_SET</c>, suppression, and
/// the trail (only in the analysis answer; violation lists leave it out).
/// </summary>
public sealed record ViolationAnalysisJson(string AnalysisState, IReadOnlyList<AnalysisCommentJson>? AnalysisComments, bool IsSuppressed)
{
    public static ViolationAnalysisJson From(PolicyViolationEntity violation, IEnumerable<ViolationAnalysisCommentEntity>? comments) => new(
        violation.AnalysisState,
        comments?.Select(c => new AnalysisCommentJson(c.Timestamp.ToUnixTimeMilliseconds(), c.Comment, c.Commenter)).ToList(),
        violation.Suppressed);
}

/// <summary><c>PUT /api/v1/violation/analysis</c>'s body: the violation by UUIDs, the decision; absent fields leave it as it was.</summary>
public sealed record ViolationAnalysisRequest(string? Component, string? PolicyViolation, string? AnalysisState, string? Comment, bool? IsSuppressed);
