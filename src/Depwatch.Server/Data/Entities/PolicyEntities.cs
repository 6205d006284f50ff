namespace Depwatch.Server.Data.Entities;

/// <summary>A policy; with no project and no tag assigned it applies to the whole portfolio.</summary>
public sealed class PolicyEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary><c>ANY</c> or <c>ALL</c>.</summary>
    public string Operator { get; set; } = "ANY";

    /// <summary><c>INFO</c>, <c>WARN</c> or <c>FAIL</c>.</summary>
    public string ViolationState { get; set; } = "INFO";

    /// <summary>Whether the children (at any depth) of an assigned project are assigned too.</summary>
    public bool IncludeChildren { get; set; }

    /// <summary>Whether only projects marked as their latest version are evaluated.</summary>
    public bool OnlyLatestProjectVersion { get; set; }
}

public sealed class PolicyConditionEntity
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }

    /// <summary>Dependency-Track's names: <c>SEVERITY</c>, <c>COORDINATES</c>, … and <c>IS</c>, <c>MATCHES</c>, ….</summary>
    public required string Subject { get; set; }
    public required string Operator { get; set; }
    public required string Value { get; set; }
}

public sealed class PolicyProjectEntity
{
    public Guid PolicyId { get; set; }
    public Guid ProjectId { get; set; }
}

public sealed class PolicyTagEntity
{
    public Guid PolicyId { get; set; }

    /// <summary>A project tag's name, normalised as project tags are.</summary>
    public required string Tag { get; set; }
}

/// <summary>
/// A condition that held for a component. Kept with its history: one that no longer holds is resolved, never deleted;
/// one that holds again is a new violation, as in Dependency-Track.
/// </summary>
public sealed class PolicyViolationEntity
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid ComponentId { get; set; }

    /// <summary><see cref="ComponentEntity.Identity"/>: what the violation is matched by when a new BOM replaces the component.</summary>
    public required string ComponentIdentity { get; set; }

    public Guid PolicyConditionId { get; set; }

    /// <summary><c>SECURITY</c>, <c>LICENSE</c> or <c>OPERATIONAL</c>.</summary>
    public required string Type { get; set; }

    /// <summary>When the condition was first found to hold.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>When it was found to hold no more; null while it holds.</summary>
    public DateTimeOffset? ResolvedOn { get; set; }

    /// <summary><c>NOT_SET</c>, <c>APPROVED</c> or <c>REJECTED</c>.</summary>
    public string AnalysisState { get; set; } = "NOT_SET";
    public bool Suppressed { get; set; }
}

/// <summary>One entry of a violation analysis's audit trail.</summary>
public sealed class ViolationAnalysisCommentEntity
{
    public long Id { get; set; }
    public Guid ViolationId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public required string Commenter { get; set; }
    public required string Comment { get; set; }
}
