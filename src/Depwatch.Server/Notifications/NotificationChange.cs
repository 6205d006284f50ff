namespace Depwatch.Server.Notifications;

public enum NotificationChangeStatus
{
    Changed,
    Unchanged,
    NotFound,
    PublisherNotFound,
    ProjectNotFound,
    NameTaken,
    Forbidden,
    Invalid,
}

/// <summary>The outcome of a change to rules or publishers: the object as it is now, or why nothing changed.</summary>
public sealed record NotificationChange<T>(NotificationChangeStatus Status, T? Value = default, string? Error = null)
{
    public static NotificationChange<T> Done(T value) => new(NotificationChangeStatus.Changed, value);

    public static NotificationChange<T> Refused(NotificationChangeStatus status, string? error = null) => new(status, default, error);
}

/// <summary>Dependency-Track's answers for these refusals, word for word where it has one.</summary>
public static class NotificationTexts
{
    public const string RuleNotFound = "The UUID of the notification rule could not be found.";
    public const string PublisherNotFound = "The UUID of the notification publisher could not be found.";
    public const string ProjectNotFound = "The UUID of the project could not be found.";
    public const string PublisherNameTaken = "The notification with the name already exist";
    public const string DefaultPublisherChange = "The modification of a default publisher is forbidden";
    public const string DefaultPublisherDelete = "Deleting a default notification publisher is forbidden.";
    public const string UnknownPublisherClass = "The publisher class is not one Depwatch has: ";
}
