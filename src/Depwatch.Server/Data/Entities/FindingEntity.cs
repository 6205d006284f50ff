namespace Depwatch.Server.Data.Entities;

/// <summary>A vulnerability in a component, kept with its history: resolved findings are marked, never deleted.</summary>
public sealed class FindingEntity
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid ComponentId { get; set; }
    public Guid VulnerabilityId { get; set; }
    public string AnalyzerIdentity { get; set; } = "TRIVY_ANALYZER";
    public DateTimeOffset AttributedOn { get; set; }
    public string? FixedVersion { get; set; }
    public string Status { get; set; } = "UNKNOWN";
    public string? InstalledVersion { get; set; }

    /// <summary>When an analysis stopped reporting it; null while it is reported.</summary>
    public DateTimeOffset? ResolvedOn { get; set; }
}
