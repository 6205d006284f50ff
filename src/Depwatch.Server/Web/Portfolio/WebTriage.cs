using System.Security.Claims;
using Depwatch.Server.Configuration;
using Depwatch.Server.Triage;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>
/// A decision as the project page's forms send it: for one finding (its audit panel) or for every selected one
/// (bulk triage). Names are Dependency-Track's; <see cref="Suppress"/> is <c>true</c>, <c>false</c> or empty (leave as is).
/// </summary>
internal sealed record TriageForm
{
    public string? State { get; init; }
    public string? Justification { get; init; }
    public string? Response { get; init; }
    public string? Details { get; init; }
    public string? Comment { get; init; }
    public string? Suppress { get; init; }
    public bool ApplyToAllProjects { get; init; }
}

/// <summary>How many findings a triage form recorded the decision for, or the messages by form field.</summary>
internal sealed record TriageResult(int Recorded, IReadOnlyDictionary<string, string> Errors);

/// <summary>The project page's way into the same decisions and audit trail the analysis API records.</summary>
internal sealed class WebTriage(AnalysisStore store)
{
    public const int MaxFindings = 500;

    /// <param name="keys">The findings, each as <see cref="FindingRow.Key"/>.</param>
    public async Task<TriageResult> RecordAsync(
        Guid projectId, IReadOnlyList<string> keys, TriageForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return Refused("Selected", "Select the findings to record the decision for.");
        }
        if (keys.Count > MaxFindings)
        {
            return Refused("Selected", $"Select at most {MaxFindings} findings at a time.");
        }
        var findings = keys.Select(Parse).ToList();
        if (findings.Any(f => f is null))
        {
            return Refused("Selected", "A selected finding is not one of this project's; reload the page and select again.");
        }
        var errors = new List<FieldError>();
        var suppressed = form.Suppress switch { "true" => true, "false" => (bool?)false, _ => null };
        var change = AnalysisChanges.Parse(form.State, form.Justification, form.Response, NullIfEmpty(form.Details), NullIfEmpty(form.Comment), suppressed, errors);
        if (errors.Count > 0)
        {
            return new TriageResult(0, errors.GroupBy(e => FormField(e.Path)).ToDictionary(g => g.Key, g => g.First().Message));
        }
        var commenter = user.Identity?.Name ?? "unknown";
        var recorded = 0;
        foreach (var (componentId, vulnerabilityId) in findings.Select(f => f!.Value))
        {
            var result = await store.RecordAsync(projectId, componentId, vulnerabilityId, change, commenter, form.ApplyToAllProjects, cancellationToken);
            recorded += result.Outcome == AnalysisLookup.Found ? 1 : 0;
        }
        return recorded == findings.Count ? new TriageResult(recorded, new Dictionary<string, string>())
            : Refused("Selected", $"Recorded for {recorded} of {findings.Count} findings: the others are no longer in this project. Reload the page.");
    }

    private static (Guid ComponentId, Guid VulnerabilityId)? Parse(string key) =>
        key.Split('_') is [var component, var vulnerability] && Guid.TryParse(component, out var c) && Guid.TryParse(vulnerability, out var v)
            ? (c, v) : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string FormField(string path) => path switch
    {
        "analysisState" => "State",
        "analysisJustification" => "Justification",
        "analysisResponse" => "Response",
        "analysisDetails" => "Details",
        _ => "Comment",
    };

    private static TriageResult Refused(string field, string error) => new(0, new Dictionary<string, string> { [field] = error });
}
