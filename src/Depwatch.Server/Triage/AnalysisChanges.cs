using Depwatch.Core.Triage;
using Depwatch.Server.Configuration;

namespace Depwatch.Server.Triage;

/// <summary>
/// Reads a decision as a client names it (Dependency-Track's names; absent ones are NOT_SET), refusing what
/// Dependency-Track refuses, for the API and the web UI alike.
/// </summary>
internal static class AnalysisChanges
{
    public const int MaxTextLength = 10_000;

    /// <param name="suppressed">Null leaves suppression as it was.</param>
    /// <param name="errors">Gets one entry, naming the field, per value refused.</param>
    public static AnalysisChange Parse(
        string? state, string? justification, string? response, string? details, string? comment, bool? suppressed, List<FieldError> errors)
    {
        var parsedState = ParseName<AnalysisState>(state, "analysisState", errors);
        var parsedJustification = ParseName<AnalysisJustification>(justification, "analysisJustification", errors);
        var parsedResponse = ParseName<AnalysisResponse>(response, "analysisResponse", errors);
        // CycloneDX: a justification says why a component is not affected, and means nothing with another state.
        if (parsedJustification != AnalysisJustification.NotSet && parsedState != AnalysisState.NotAffected)
        {
            errors.Add(new FieldError(
                $"analysisJustification {AnalysisNames.Name(parsedJustification)} applies only to analysisState NOT_AFFECTED, not {AnalysisNames.Name(parsedState)}",
                "analysisJustification requires analysisState NOT_AFFECTED", "analysisJustification", justification));
        }
        CheckText(details, "analysisDetails", errors);
        CheckText(comment, "comment", errors);
        return new AnalysisChange(parsedState, parsedJustification, parsedResponse, details, comment, suppressed);
    }

    private static TEnum ParseName<TEnum>(string? name, string field, List<FieldError> errors) where TEnum : struct, Enum
    {
        if (name is null)
        {
            return default;
        }
        if (AnalysisNames.TryParse<TEnum>(name, out var value))
        {
            return value;
        }
        errors.Add(new FieldError($"{field} must be one of {string.Join(", ", AnalysisNames.All<TEnum>())}", "Invalid value", field, name));
        return default;
    }

    private static void CheckText(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
        {
            return;
        }
        if (text.Length > MaxTextLength)
        {
            errors.Add(new FieldError($"{field} is longer than {MaxTextLength} characters", "Too long", field, null));
        }
        else if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new FieldError($"{field} contains a NUL character", "Invalid character", field, null));
        }
    }
}
