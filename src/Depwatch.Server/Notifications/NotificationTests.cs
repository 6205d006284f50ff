using Depwatch.Server.Endpoints.Models;

namespace Depwatch.Server.Notifications;

/// <summary>The notification a "send test" sends through a rule: its first group, at once, not through the outbox.</summary>
internal static class NotificationTests
{
    /// <returns>The notification's JSON body.</returns>
    public static string For(NotificationRuleJson rule, DateTimeOffset now)
    {
        var group = rule.NotifyOn.FirstOrDefault() ?? (rule.Scope == NotificationScopes.System ? NotificationGroups.Analyzer : NotificationGroups.NewVulnerability);
        return new Notification(group, NotificationLevels.Informational, "Test Notification",
            $"This is a test notification from Depwatch for the rule {rule.Name}.", now, null, null).ToJson().ToJsonString();
    }
}
