using System.Text.Json;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Notifications;

/// <summary>
/// Writes one outbox row per notification and enabled rule that wants it, on the caller's context: the rows are saved by
/// the caller's <c>SaveChanges</c>, in the transaction of the change they report, so a notification exists exactly when
/// its change does.
/// </summary>
internal sealed class NotificationOutbox(TimeProvider time, NotificationSignal signal)
{
    /// <summary>Whether an enabled rule asks for any of <paramref name="groups"/>: when none does, an event need not be described at all.</summary>
    public async Task<bool> IsWantedAsync(DepwatchDbContext db, IReadOnlyCollection<string> groups, CancellationToken cancellationToken)
    {
        var enabled = await db.NotificationRules.AsNoTracking().Where(r => r.Enabled).Select(r => r.NotifyOn).ToListAsync(cancellationToken);
        return enabled.Any(notifyOn => notifyOn.Split(',').Any(groups.Contains));
    }

    public async Task StageAsync(DepwatchDbContext db, IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }
        var rules = await MatchingRulesAsync(db, notifications, cancellationToken);
        if (rules.Count == 0)
        {
            return;
        }
        var ruleIds = rules.Select(r => r.Id).ToList();
        var projectsOfRules = (await db.NotificationRuleProjects.AsNoTracking().Where(p => ruleIds.Contains(p.RuleId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.RuleId, p => p.ProjectId);
        var tagsOfRules = (await db.NotificationRuleTags.AsNoTracking().Where(t => ruleIds.Contains(t.RuleId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.RuleId, t => t.Name);
        var projectIds = notifications.Select(n => n.ProjectId).OfType<Guid>().Distinct().ToList();
        var projectTags = (await db.ProjectTags.AsNoTracking().Where(t => projectIds.Contains(t.ProjectId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.ProjectId, t => t.Name);
        var parents = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id) && p.ParentId != null)
            .ToDictionaryAsync(p => p.Id, p => p.ParentId!.Value, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var notification in notifications)
        {
            string? payload = null;
            foreach (var rule in rules.Where(r => Wants(r, notification)))
            {
                var limitedTo = new RuleLimits(projectsOfRules[rule.Id].ToHashSet(), tagsOfRules[rule.Id].ToList());
                if (!limitedTo.Admits(rule, notification.ProjectId, projectTags, parents))
                {
                    continue;
                }
                payload ??= notification.ToJson().ToJsonString(s_json);
                db.NotificationOutbox.Add(new NotificationOutboxEntity
                {
                    RuleId = rule.Id, NotificationGroup = notification.Group, Payload = payload, Created = now, NotBefore = now,
                });
            }
        }
        db.SavedChanges += OnSaved;
    }

    private void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        ((DbContext)sender!).SavedChanges -= OnSaved;
        signal.Notify();
    }

    private static Task<List<NotificationRuleEntity>> MatchingRulesAsync(
        DepwatchDbContext db, IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        var scopes = notifications.Select(n => n.Scope).Distinct().ToList();
        return db.NotificationRules.AsNoTracking().Where(r => r.Enabled && scopes.Contains(r.Scope)).ToListAsync(cancellationToken);
    }

    private static bool Wants(NotificationRuleEntity rule, Notification notification) =>
        rule.Scope == notification.Scope
        && rule.NotifyOn.Split(',').Contains(notification.Group, StringComparer.Ordinal)
        && NotificationLevels.Reaches(notification.Level, rule.NotificationLevel);

    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A rule's projects and tags; a rule with neither applies to the whole portfolio, as in Dependency-Track.</summary>
    private sealed record RuleLimits(HashSet<Guid> Projects, List<string> Tags)
    {
        public bool Admits(NotificationRuleEntity rule, Guid? projectId, ILookup<Guid, string> projectTags, Dictionary<Guid, Guid> parents)
        {
            if (Projects.Count == 0 && Tags.Count == 0)
            {
                return true;
            }
            if (projectId is not { } project)
            {
                return false;
            }
            if (Projects.Contains(project) || (rule.NotifyChildren && parents.TryGetValue(project, out var parent) && Projects.Contains(parent)))
            {
                return true;
            }
            return Tags.Any(t => projectTags[project].Contains(t, StringComparer.OrdinalIgnoreCase));
        }
    }
}
