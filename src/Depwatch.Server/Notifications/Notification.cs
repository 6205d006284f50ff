using System.Text.Json.Nodes;

namespace Depwatch.Server.Notifications;

/// <summary>
/// One event to tell rules about, in Dependency-Track's terms: scope, group, level, a title and text, and the subject
/// it is about (project, component, vulnerability, …) as Dependency-Track's webhook sends it.
/// </summary>
/// <param name="ProjectId">The project it concerns, which rules limited to projects or tags are matched against.</param>
public sealed record Notification(
    string Group, string Level, string Title, string Content, DateTimeOffset Timestamp, JsonObject? Subject, Guid? ProjectId)
{
    public string Scope => NotificationGroups.ScopeOf(Group);

    /// <summary>Dependency-Track's webhook body: <c>{"notification": {level, scope, group, timestamp, title, content, subject}}</c>.</summary>
    public JsonObject ToJson()
    {
        var notification = new JsonObject
        {
            ["level"] = Level,
            ["scope"] = Scope,
            ["group"] = Group,
            ["timestamp"] = Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = Title,
            ["content"] = Content,
        };
        if (Subject is not null)
        {
            notification["subject"] = Subject.DeepClone();
        }
        return new JsonObject { ["notification"] = notification };
    }
}
