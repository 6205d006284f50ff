namespace Depwatch.Server.Data.Entities;

/// <summary>A way of sending notifications (Dependency-Track's publisher): one of the built-in kinds, named by its class.</summary>
public sealed class NotificationPublisherEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>Dependency-Track's publisher class name, which says how messages are sent (webhook, Slack, e-mail, …).</summary>
    public required string PublisherClass { get; set; }

    public string? Template { get; set; }
    public string? TemplateMimeType { get; set; }

    /// <summary>One of the publishers every installation has; these cannot be deleted.</summary>
    public bool DefaultPublisher { get; set; }
}

/// <summary>Who is told about what (Dependency-Track's alert): groups and a level in one scope, sent through a publisher.</summary>
public sealed class NotificationRuleEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; } = true;
    public bool NotifyChildren { get; set; } = true;
    public bool LogSuccessfulPublish { get; set; }
    public required string Scope { get; set; }
    public required string NotificationLevel { get; set; }

    /// <summary>The groups, comma-separated (e.g. <c>NEW_VULNERABILITY,BOM_PROCESSED</c>).</summary>
    public string NotifyOn { get; set; } = "";

    public Guid PublisherId { get; set; }

    /// <summary>The publisher settings (destination, secret) as JSON, encrypted: destinations often carry tokens.</summary>
    public string? PublisherConfig { get; set; }

    public string? Message { get; set; }
    public DateTimeOffset? LastAttempt { get; set; }
    public DateTimeOffset? LastDelivery { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A project a rule is limited to.</summary>
public sealed class NotificationRuleProjectEntity
{
    public Guid RuleId { get; set; }
    public Guid ProjectId { get; set; }
}

/// <summary>A project tag a rule is limited to.</summary>
public sealed class NotificationRuleTagEntity
{
    public Guid RuleId { get; set; }
    public required string Name { get; set; }
}

/// <summary>
/// One notification for one rule, written in the transaction of the change it reports and kept until it is delivered
/// or given up, so nothing is lost when the server stops or the receiver is down.
/// </summary>
public sealed class NotificationOutboxEntity
{
    public long Id { get; set; }
    public Guid RuleId { get; set; }
    public required string NotificationGroup { get; set; }

    /// <summary>The notification in Dependency-Track's JSON, as the webhook publisher sends it.</summary>
    public required string Payload { get; set; }

    public string State { get; set; } = NotificationDeliveryStates.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpires { get; set; }
    public DateTimeOffset? LastAttempt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? Delivered { get; set; }
}

public static class NotificationDeliveryStates
{
    public const string Pending = "PENDING";
    public const string Delivered = "DELIVERED";
    public const string Failed = "FAILED";
}
