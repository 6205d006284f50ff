namespace Depwatch.Core.Findings.Json;

/// <summary>The versions that fix a finding; Trivy lists several in one text, separated by commas.</summary>
public static class FixedVersions
{
    public static IReadOnlyList<string> Of(Finding finding) =>
        finding.FixedVersion?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
}
