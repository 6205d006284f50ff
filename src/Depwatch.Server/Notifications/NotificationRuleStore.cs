using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Notifications.Sending;
using Depwatch.Server.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Notifications;

/// <summary>Notification rules, their projects and tags; publisher settings are encrypted here and shown only with their secrets hidden.</summary>
internal sealed partial class NotificationRuleStore(
    IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, ILogger<NotificationRuleStore> logger)
{
    public async Task<List<NotificationRuleJson>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.NotificationRules.AsNoTracking().ToListAsync(cancellationToken);
        return await ToJsonAsync(db, [.. rules.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id)], cancellationToken);
    }

    public async Task<NotificationRuleJson?> FindAsync(Guid ruleId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.NotificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken);
        return rule is null ? null : (await ToJsonAsync(db, [rule], cancellationToken))[0];
    }

    /// <summary>A rule's publisher kind and stored (encrypted) settings, for sending a test; null when there is no such rule.</summary>
    public async Task<(string PublisherClass, string? ProtectedConfig)?> SendingSettingsAsync(Guid ruleId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (from r in db.NotificationRules.AsNoTracking()
                           join p in db.NotificationPublishers.AsNoTracking() on r.PublisherId equals p.Id
                           where r.Id == ruleId
                           select new { p.PublisherClass, r.PublisherConfig }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.PublisherClass, found.PublisherConfig);
    }

    public async Task<NotificationChange<NotificationRuleJson>> CreateAsync(NotificationRuleRequest request, string changedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var publisher = await db.NotificationPublishers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.Publisher!.Uuid, cancellationToken);
        if (publisher is null)
        {
            return NotificationChange<NotificationRuleJson>.Refused(NotificationChangeStatus.PublisherNotFound);
        }
        var rule = new NotificationRuleEntity
        {
            Id = Guid.NewGuid(), Name = request.Name!.Trim(), Scope = request.Scope!, NotificationLevel = request.NotificationLevel!, PublisherId = publisher.Id,
        };
        var applied = Apply(rule, request, publisher.PublisherClass);
        if (applied is not null)
        {
            return NotificationChange<NotificationRuleJson>.Refused(NotificationChangeStatus.Invalid, applied);
        }
        db.NotificationRules.Add(rule);
        await ReplaceTagsAsync(db, rule.Id, request.Tags, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        LogChanged(logger, "created", rule.Name, changedBy);
        return NotificationChange<NotificationRuleJson>.Done((await ToJsonAsync(db, [rule], cancellationToken))[0]);
    }

    public async Task<NotificationChange<NotificationRuleJson>> UpdateAsync(NotificationRuleRequest request, string changedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == request.Uuid, cancellationToken);
        if (rule is null)
        {
            return NotificationChange<NotificationRuleJson>.Refused(NotificationChangeStatus.NotFound);
        }
        var publisherClass = await db.NotificationPublishers.Where(p => p.Id == rule.PublisherId).Select(p => p.PublisherClass).SingleAsync(cancellationToken);
        if (request.Name is { } name)
        {
            rule.Name = name.Trim();
        }
        rule.NotificationLevel = request.NotificationLevel ?? rule.NotificationLevel;
        if (Apply(rule, request, publisherClass) is { } error)
        {
            return NotificationChange<NotificationRuleJson>.Refused(NotificationChangeStatus.Invalid, error);
        }
        await ReplaceTagsAsync(db, rule.Id, request.Tags, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        LogChanged(logger, "changed", rule.Name, changedBy);
        return NotificationChange<NotificationRuleJson>.Done((await ToJsonAsync(db, [rule], cancellationToken))[0]);
    }

    /// <summary>Deletes the rule with its projects, tags and undelivered notifications.</summary>
    public async Task<bool> DeleteAsync(Guid ruleId, string changedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.NotificationRules.Where(r => r.Id == ruleId).ExecuteDeleteAsync(cancellationToken) == 1;
        if (deleted)
        {
            LogChanged(logger, "deleted", ruleId.ToString(), changedBy);
        }
        return deleted;
    }

    /// <param name="add">Add the project to the rule, or remove it.</param>
    public async Task<NotificationChange<NotificationRuleJson>> AssignProjectAsync(Guid ruleId, Guid projectId, bool add, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.NotificationRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken);
        if (rule is null)
        {
            return NotificationChange<NotificationRuleJson>.Refused(NotificationChangeStatus.NotFound);
        }
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return NotificationChange<NotificationRuleJson>.Refused(NotificationChangeStatus.ProjectNotFound);
        }
        var assigned = await db.NotificationRuleProjects.AnyAsync(p => p.RuleId == ruleId && p.ProjectId == projectId, cancellationToken);
        if (assigned == add)
        {
            return NotificationChange<NotificationRuleJson>.Refused(NotificationChangeStatus.Unchanged);
        }
        if (add)
        {
            db.NotificationRuleProjects.Add(new NotificationRuleProjectEntity { RuleId = ruleId, ProjectId = projectId });
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await db.NotificationRuleProjects.Where(p => p.RuleId == ruleId && p.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        }
        return NotificationChange<NotificationRuleJson>.Done((await ToJsonAsync(db, [rule], cancellationToken))[0]);
    }

    /// <returns>Why the request cannot apply, or null when it was applied to <paramref name="rule"/>.</returns>
    private string? Apply(NotificationRuleEntity rule, NotificationRuleRequest request, string publisherClass)
    {
        var stored = rule.PublisherConfig is null
            ? RuleDestination.None
            : RuleDestination.FromStoredJson(secrets.Unprotect(rule.PublisherConfig, NotificationSender.SecretPurpose(rule.Id)));
        var destination = RuleDestination.Parse(request.PublisherConfig, stored, publisherClass, out var error);
        if (destination is null)
        {
            return error;
        }
        rule.PublisherConfig = destination == RuleDestination.None ? null : secrets.Protect(destination.ToStoredJson(), NotificationSender.SecretPurpose(rule.Id));
        rule.Enabled = request.Enabled ?? rule.Enabled;
        rule.NotifyChildren = request.NotifyChildren ?? rule.NotifyChildren;
        rule.LogSuccessfulPublish = request.LogSuccessfulPublish ?? rule.LogSuccessfulPublish;
        rule.Message = request.Message ?? rule.Message;
        if (request.NotifyOn is { } groups)
        {
            rule.NotifyOn = string.Join(',', NotificationGroups.All.Where(groups.Contains));
        }
        return null;
    }

    private static async Task ReplaceTagsAsync(DepwatchDbContext db, Guid ruleId, List<TagJson>? tags, CancellationToken cancellationToken)
    {
        if (tags is null)
        {
            return;
        }
        await db.NotificationRuleTags.Where(t => t.RuleId == ruleId).ExecuteDeleteAsync(cancellationToken);
        foreach (var name in tags.Select(t => t.Name?.Trim()).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            db.NotificationRuleTags.Add(new NotificationRuleTagEntity { RuleId = ruleId, Name = name });
        }
    }

    private async Task<List<NotificationRuleJson>> ToJsonAsync(DepwatchDbContext db, List<NotificationRuleEntity> rules, CancellationToken cancellationToken)
    {
        var ids = rules.Select(r => r.Id).ToList();
        var publishers = await db.NotificationPublishers.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var projects = (await (from a in db.NotificationRuleProjects.AsNoTracking()
                               join p in db.Projects.AsNoTracking() on a.ProjectId equals p.Id
                               where ids.Contains(a.RuleId)
                               select new { a.RuleId, Project = p }).ToListAsync(cancellationToken))
            .ToLookup(a => a.RuleId, a => ProjectRefJson.From(a.Project));
        var tags = (await db.NotificationRuleTags.AsNoTracking().Where(t => ids.Contains(t.RuleId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.RuleId, t => new TagJson(t.Name));
        var counts = (await db.NotificationOutbox.AsNoTracking()
                .Where(o => ids.Contains(o.RuleId) && o.State != NotificationDeliveryStates.Delivered)
                .GroupBy(o => new { o.RuleId, o.State }).Select(g => new { g.Key.RuleId, g.Key.State, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.RuleId, c.State), c => c.Count);
        return [.. rules.Select(rule => new NotificationRuleJson
        {
            Name = rule.Name, Enabled = rule.Enabled, NotifyChildren = rule.NotifyChildren, LogSuccessfulPublish = rule.LogSuccessfulPublish,
            Scope = rule.Scope, NotificationLevel = rule.NotificationLevel,
            Projects = [.. projects[rule.Id].OrderBy(p => p.Name, StringComparer.Ordinal)],
            Tags = [.. tags[rule.Id].OrderBy(t => t.Name, StringComparer.Ordinal)],
            NotifyOn = [.. rule.NotifyOn.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            Message = rule.Message,
            Publisher = NotificationPublisherJson.From(publishers[rule.PublisherId]),
            PublisherConfig = rule.PublisherConfig is null ? null : ShownConfig(rule),
            Uuid = rule.Id,
            LastAttempt = rule.LastAttempt?.ToUnixTimeMilliseconds(),
            LastDelivery = rule.LastDelivery?.ToUnixTimeMilliseconds(),
            LastError = rule.LastError,
            PendingCount = counts.GetValueOrDefault((rule.Id, NotificationDeliveryStates.Pending)),
            FailedCount = counts.GetValueOrDefault((rule.Id, NotificationDeliveryStates.Failed)),
        })];
    }

    private string ShownConfig(NotificationRuleEntity rule)
    {
        try
        {
            return RuleDestination.FromStoredJson(secrets.Unprotect(rule.PublisherConfig!, NotificationSender.SecretPurpose(rule.Id))).ToShownConfig();
        }
        catch (SecretUnreadableException)
        {
            return "{}";
        }
    }

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Notification rule {Rule} {Change} by {ChangedBy}.")]
    private static partial void LogChanged(ILogger logger, string change, string rule, string changedBy);
}
