using System.Globalization;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>How severities, counts and analysis states read on the pages.</summary>
internal static class Display
{
    public sealed record SeverityCount(string Key, string Label, int Count);

    /// <summary>The five severity counts of the metrics, most severe first.</summary>
    public static IReadOnlyList<SeverityCount> Counts(FindingMetrics metrics) =>
    [
        new("critical", "Critical", metrics.Critical),
        new("high", "High", metrics.High),
        new("medium", "Medium", metrics.Medium),
        new("low", "Low", metrics.Low),
        new("unassigned", "Unassigned", metrics.Unassigned),
    ];

    /// <summary>"2 critical, 1 high, …" for screen readers and tooltips.</summary>
    public static string Describe(IEnumerable<SeverityCount> counts)
    {
        var parts = counts.Where(c => c.Count > 0).Select(c => $"{c.Count} {c.Label.ToLowerInvariant()}").ToList();
        return parts.Count == 0 ? "no vulnerabilities" : string.Join(", ", parts);
    }

    public static string Key(Severity severity) => SeverityNames.LowerCase(FindingQuery.Grouped(severity));

    public static string Label(Severity severity) => severity switch
    {
        Severity.Critical => "Critical",
        Severity.High => "High",
        Severity.Medium => "Medium",
        Severity.Low => "Low",
        Severity.Info => "Info",
        _ => "Unassigned",
    };

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Score(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>The latest analysis as a person reads it, with a CSS class for its colour.</summary>
    /// <param name="retry">The failed analysis waiting to be tried again, if any: it is told rather than "queued" or "failed".</param>
    public static (string Css, string Text) AnalysisState(ProjectEntity project, AnalysisRetry? retry = null) => retry is null
        ? LatestState(project)
        : ("retrying", $"{FailureHeadline(project.LastAnalysisError)}: attempt {retry.FailedAttempts} failed");

    /// <summary>When the next attempt of a failing analysis is, for text without the page's local times.</summary>
    public static string NextAttemptText(AnalysisRetry retry) =>
        retry.NextAttempt is { } next ? $"next at {next.UtcDateTime:HH:mm} UTC" : "trying again now";

    // The failure in a few words, before the whole message: the analyzer's messages say what failed first.
    private static string FailureHeadline(string? error) => error switch
    {
        not null when error.Contains("is unreachable", StringComparison.Ordinal) || error.Contains("cannot be reached", StringComparison.Ordinal)
            => "Trivy unreachable",
        not null when error.Contains("rejected the API token", StringComparison.Ordinal) => "Trivy refused the API token",
        _ => "Analysis failing",
    };

    private static (string Css, string Text) LatestState(ProjectEntity project) => project.LastAnalysisState switch
    {
        null when project.LastBomImport is null => ("none", "No SBOM uploaded yet"),
        null => ("none", "Not analysed yet"),
        JobStates.Queued => ("queued", "Queued"),
        AnalysisStates.Running => ("running", "Running"),
        AnalysisStates.Succeeded => ("succeeded", "Succeeded"),
        AnalysisStates.Skipped => ("skipped", "Not analysed: the Trivy analyzer is off"),
        AnalysisStates.Failed => ("failed", $"Failed: {project.LastAnalysisError ?? "no reason was recorded"}"),
        var other => ("none", other),
    };

    public static bool IsBusy(ProjectEntity project) => project.LastAnalysisState is JobStates.Queued or AnalysisStates.Running;

    public static string ProjectTitle(ProjectEntity project) => project.Version is { Length: > 0 } version ? $"{project.Name} {version}" : project.Name;

    /// <summary>An address from advisory data that a page may link to: absolute http or https only.</summary>
    public static bool IsWebAddress(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public static string VulnerabilityPath(string source, string vulnId) => $"/vulnerabilities/{Uri.EscapeDataString(source)}/{Uri.EscapeDataString(vulnId)}";
}
