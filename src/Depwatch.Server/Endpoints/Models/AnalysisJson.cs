using Depwatch.Core.Triage;
using Depwatch.Server.Triage;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// <c>PUT /api/v1/analysis</c>'s body, as Dependency-Track takes it: the finding by UUIDs, the decision by names.
/// Absent names mean NOT_SET; absent <c>isSuppressed</c> and <c>analysisDetails</c> leave them as they were.
/// <c>applyToAllProjects</c> (Depwatch's) records the same decision wherever the component appears.
/// </summary>
public sealed record AnalysisRequest
{
    public string? Project { get; init; }
    public string? Component { get; init; }
    public string? Vulnerability { get; init; }
    public string? AnalysisState { get; init; }
    public string? AnalysisJustification { get; init; }
    public string? AnalysisResponse { get; init; }
    public string? AnalysisDetails { get; init; }
    public string? Comment { get; init; }
    public bool? IsSuppressed { get; init; }
    public bool? ApplyToAllProjects { get; init; }
}

/// <summary>Dependency-Track's Analysis object: the decision and its trail (timestamps in epoch milliseconds).</summary>
public sealed record AnalysisJson(
    string AnalysisState,
    string AnalysisJustification,
    string AnalysisResponse,
    string? AnalysisDetails,
    IReadOnlyList<AnalysisCommentJson> AnalysisComments,
    bool IsSuppressed)
{
    internal static AnalysisJson From(AnalysisRecord record) => new(
        AnalysisNames.Name(record.Analysis.State), AnalysisNames.Name(record.Analysis.Justification),
        AnalysisNames.Name(record.Analysis.Response), record.Analysis.Details,
        [.. record.Comments.Select(c => new AnalysisCommentJson(c.Timestamp.ToUnixTimeMilliseconds(), c.Comment, c.Commenter))],
        record.Analysis.IsSuppressed);
}

public sealed record AnalysisCommentJson(long Timestamp, string Comment, string Commenter);
