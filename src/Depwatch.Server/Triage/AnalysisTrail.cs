using Depwatch.Core.Triage;

namespace Depwatch.Server.Triage;

/// <summary>
/// What a change of decision writes in the audit trail, one entry per field that changed, as Dependency-Track
/// records it ("Analysis: NOT_SET → NOT_AFFECTED", "Suppressed"), followed by the comment that came with it.
/// </summary>
internal static class AnalysisTrail
{
    public static IEnumerable<string> Entries(FindingAnalysis before, FindingAnalysis after, string? comment)
    {
        if (before.State != after.State)
        {
            yield return $"Analysis: {AnalysisNames.Name(before.State)} → {AnalysisNames.Name(after.State)}";
        }
        if (before.Justification != after.Justification)
        {
            yield return $"Justification: {AnalysisNames.Name(before.Justification)} → {AnalysisNames.Name(after.Justification)}";
        }
        if (before.Response != after.Response)
        {
            yield return $"Vendor Response: {AnalysisNames.Name(before.Response)} → {AnalysisNames.Name(after.Response)}";
        }
        if (before.Details != after.Details && after.Details is not null)
        {
            yield return $"Details: {after.Details}";
        }
        if (before.IsSuppressed != after.IsSuppressed)
        {
            yield return after.IsSuppressed ? "Suppressed" : "Unsuppressed";
        }
        if (!string.IsNullOrWhiteSpace(comment))
        {
            yield return comment;
        }
    }
}
