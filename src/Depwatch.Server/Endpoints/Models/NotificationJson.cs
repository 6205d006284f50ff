using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's NotificationPublisher object.</summary>
public sealed record NotificationPublisherJson(
    string Name, string? Description, string PublisherClass, string? Template, string? TemplateMimeType, bool DefaultPublisher, Guid Uuid)
{
    public static NotificationPublisherJson From(NotificationPublisherEntity publisher) => new(
        publisher.Name, publisher.Description, publisher.PublisherClass, publisher.Template, publisher.TemplateMimeType, publisher.DefaultPublisher, publisher.Id);
}

/// <summary>Dependency-Track's NotificationRule object, plus Depwatch's delivery state.</summary>
public sealed record NotificationRuleJson
{
    public required string Name { get; init; }
    public bool Enabled { get; init; }
    public bool NotifyChildren { get; init; }
    public bool LogSuccessfulPublish { get; init; }
    public required string Scope { get; init; }
    public required string NotificationLevel { get; init; }
    public IReadOnlyList<ProjectRefJson> Projects { get; init; } = [];
    public IReadOnlyList<TagJson> Tags { get; init; } = [];
    public IReadOnlyList<object> Teams { get; init; } = [];
    public IReadOnlyList<string> NotifyOn { get; init; } = [];
    public string? Message { get; init; }
    public required NotificationPublisherJson Publisher { get; init; }

    /// <summary>The publisher settings as a JSON text; a destination URL's path and query and the secret read as placeholders.</summary>
    public string? PublisherConfig { get; init; }
    public required Guid Uuid { get; init; }

    /// <summary>Depwatch: the last delivery attempt, the last successful one (epoch milliseconds) and the last error.</summary>
    public long? LastAttempt { get; init; }
    public long? LastDelivery { get; init; }
    public string? LastError { get; init; }

    /// <summary>Depwatch: notifications waiting to be delivered, and those given up.</summary>
    public int PendingCount { get; init; }
    public int FailedCount { get; init; }
}

/// <summary>What a client sends to create (PUT) or update (POST) a publisher.</summary>
public sealed record NotificationPublisherRequest(
    Guid? Uuid, string? Name, string? Description, string? PublisherClass, string? Template, string? TemplateMimeType);

/// <summary>What a client sends to create (PUT: name, scope, notificationLevel, publisher) or update (POST, by uuid) a rule.</summary>
public sealed record NotificationRuleRequest
{
    public Guid? Uuid { get; init; }
    public string? Name { get; init; }
    public bool? Enabled { get; init; }
    public bool? NotifyChildren { get; init; }
    public bool? LogSuccessfulPublish { get; init; }
    public string? Scope { get; init; }
    public string? NotificationLevel { get; init; }
    public List<string>? NotifyOn { get; init; }
    public string? PublisherConfig { get; init; }
    public string? Message { get; init; }
    public PublisherRef? Publisher { get; init; }
    public List<TagJson>? Tags { get; init; }
}

public sealed record PublisherRef(Guid? Uuid);

/// <summary>The rule given by uuid, as Dependency-Track's DELETE takes it.</summary>
public sealed record NotificationRuleRef(Guid? Uuid);
