namespace Depwatch.Server.Data.Entities;

/// <summary>
/// The decision about one vulnerability in one component of a project. Kept by the component's identity, not its
/// row, so that it survives uploads that drop the component and add it back, and a finding that resolves and reopens.
/// </summary>
public sealed class FindingAnalysisEntity
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary><see cref="ComponentEntity.Identity"/> of the component the decision is about.</summary>
    public required string ComponentIdentity { get; set; }

    public Guid VulnerabilityId { get; set; }

    /// <summary>Dependency-Track's names: <c>NOT_AFFECTED</c>, <c>CODE_NOT_REACHABLE</c>, <c>WILL_NOT_FIX</c>, …</summary>
    public string State { get; set; } = "NOT_SET";
    public string Justification { get; set; } = "NOT_SET";
    public string Response { get; set; } = "NOT_SET";
    public string? Details { get; set; }
    public bool Suppressed { get; set; }

    /// <summary>When the decision last changed: the findings answer's version reads it.</summary>
    public DateTimeOffset Updated { get; set; }
}

/// <summary>One entry of a decision's audit trail: a change, or a comment, by whom and when.</summary>
public sealed class AnalysisCommentEntity
{
    public long Id { get; set; }
    public Guid AnalysisId { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The user's name, or for an API key its team's.</summary>
    public required string Commenter { get; set; }

    public required string Comment { get; set; }
}
