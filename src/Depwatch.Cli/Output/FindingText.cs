using Depwatch.Core.Findings;

namespace Depwatch.Cli.Output;

/// <summary>How the reports name a finding's package and its fix.</summary>
internal static class FindingText
{
    /// <summary><c>name@version</c>, or the purl when no version is known.</summary>
    public static string Package(Finding finding)
    {
        var component = finding.Component;
        var version = component.Version ?? finding.InstalledVersion;
        return version is not null ? $"{component.Name}@{version}" : component.PurlText ?? component.Name;
    }

    /// <summary>The versions that fix the finding; Trivy lists several separated by commas.</summary>
    public static IReadOnlyList<string> FixedVersions(Finding finding) => Core.Findings.Json.FixedVersions.Of(finding);

    /// <summary>A VEX decision as CycloneDX names its state: <c>not_affected</c>, <c>false_positive</c>, <c>resolved</c>.</summary>
    public static string VexState(Core.Triage.FindingAnalysis analysis) => Core.Triage.AnalysisNames.Name(analysis.State).ToLowerInvariant();

    /// <summary>What identifies the affected package across scans: its purl, else its name and version.</summary>
    public static string PackageIdentity(Finding finding) =>
        finding.Component.PurlText ?? finding.Component.ToString();
}
