namespace Depwatch.Server.Data.Entities;

/// <summary>One analysis of a project and its outcome: the history behind metrics over time.</summary>
public sealed class AnalysisRunEntity
{
    public long Id { get; set; }
    public Guid ProjectId { get; set; }
    public DateTimeOffset Started { get; set; }
    public DateTimeOffset? Finished { get; set; }
    public string State { get; set; } = "RUNNING";
    public string? Error { get; set; }
    public int Components { get; set; }
    public int Critical { get; set; }
    public int High { get; set; }
    public int Medium { get; set; }
    public int Low { get; set; }
    public int Unassigned { get; set; }

    /// <summary>Findings a decision suppressed when the analysis finished: not in the severity counts above.</summary>
    public int Suppressed { get; set; }
}
