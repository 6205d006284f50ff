namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// A CycloneDX <c>analysis</c> as a decision, the way Dependency-Track imports it: the last response wins (it keeps
/// one), a justification counts only with <c>not_affected</c>, and not affected, false positive and resolved suppress.
/// </summary>
internal static class CycloneDxVexAnalysis
{
    private static readonly string[] s_states = ["resolved", "resolved_with_pedigree", "exploitable", "in_triage", "false_positive", "not_affected"];

    /// <param name="where">The location of each field, for messages.</param>
    public static FindingAnalysis From(string? state, string? justification, IReadOnlyList<string> responses, string? detail, Func<string, string> where)
    {
        var analysisState = ParseState(state, where("state"));
        var analysisJustification = Parse<AnalysisJustification>(justification, "justification", where("justification"));
        var response = responses.Count == 0 ? AnalysisResponse.NotSet : Parse<AnalysisResponse>(responses[^1], "response", where("response"));
        return new FindingAnalysis(
            analysisState,
            analysisState == AnalysisState.NotAffected ? analysisJustification : AnalysisJustification.NotSet,
            response,
            string.IsNullOrWhiteSpace(detail) ? null : detail.Trim(),
            analysisState is AnalysisState.NotAffected or AnalysisState.FalsePositive or AnalysisState.Resolved);
    }

    private static AnalysisState ParseState(string? state, string location)
    {
        if (state is null)
        {
            return AnalysisState.NotSet;
        }
        if (string.Equals(state, "resolved_with_pedigree", StringComparison.OrdinalIgnoreCase))
        {
            return AnalysisState.Resolved;
        }
        return s_states.Contains(state.ToLowerInvariant()) && AnalysisNames.TryParse<AnalysisState>(state, out var value)
            ? value
            : throw new VexFormatException($"unknown analysis state '{state}': expected one of {string.Join(", ", s_states)}", location);
    }

    private static TEnum Parse<TEnum>(string? name, string field, string location) where TEnum : struct, Enum
    {
        if (name is null)
        {
            return default;
        }
        if (AnalysisNames.TryParse<TEnum>(name, out var value) && !value.Equals(default(TEnum)))
        {
            return value;
        }
        var expected = AnalysisNames.All<TEnum>().Where(n => n != "NOT_SET").Select(n => n.ToLowerInvariant());
        throw new VexFormatException($"unknown {field} '{name}': expected one of {string.Join(", ", expected)}", location);
    }
}
