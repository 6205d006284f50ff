using System.Text.Json.Nodes;
using Depwatch.Core.Triage;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Notifications;

/// <summary>
/// The notifications Depwatch raises, one method per event, each called once from the code that makes the change, on
/// that change's context: the outbox rows are saved with it.
/// </summary>
internal sealed class NotificationEvents(IDbContextFactory<DepwatchDbContext> contexts, NotificationOutbox outbox, TimeProvider time)
{
    /// <summary>BOM_CONSUMED and BOM_PROCESSED: a BOM was read and the project's inventory replaced by it.</summary>
    public async Task BomIngestedAsync(DepwatchDbContext db, Guid projectId, Guid token, string specVersion, CancellationToken cancellationToken)
    {
        if (!await outbox.IsWantedAsync(db, [NotificationGroups.BomConsumed, NotificationGroups.BomProcessed], cancellationToken)
            || await BomSubjectAsync(db, projectId, token, specVersion, cancellationToken) is not { } subject)
        {
            return;
        }
        var now = time.GetUtcNow();
        await outbox.StageAsync(db,
        [
            new(NotificationGroups.BomConsumed, NotificationLevels.Informational, "Bill of Materials Consumed",
                "A CycloneDX BOM was consumed and will be processed", now, subject, projectId),
            new(NotificationGroups.BomProcessed, NotificationLevels.Informational, "Bill of Materials Processed",
                "A CycloneDX BOM was processed", now, (JsonObject)subject.DeepClone(), projectId),
        ], cancellationToken);
    }

    /// <summary>BOM_PROCESSING_FAILED: an upload was given up; <paramref name="cause"/> is what the project shows.</summary>
    public async Task BomFailedAsync(DepwatchDbContext db, Guid projectId, Guid token, string cause, CancellationToken cancellationToken)
    {
        if (!await outbox.IsWantedAsync(db, [NotificationGroups.BomProcessingFailed], cancellationToken)
            || await BomSubjectAsync(db, projectId, token, null, cancellationToken) is not { } subject)
        {
            return;
        }
        subject["cause"] = cause;
        await outbox.StageAsync(db,
        [
            new(NotificationGroups.BomProcessingFailed, NotificationLevels.Error, "Bill of Materials Processing Failed",
                "An error occurred while processing a BOM", time.GetUtcNow(), subject, projectId),
        ], cancellationToken);
    }

    /// <summary>ANALYZER: the Trivy analysis of a project failed (an outage, a refused token, …); saved at once.</summary>
    public async Task AnalyzerFailedAsync(Guid projectId, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await outbox.IsWantedAsync(db, [NotificationGroups.Analyzer], cancellationToken))
        {
            return;
        }
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.Name, p.Version }).FirstOrDefaultAsync(cancellationToken);
        var name = project is null ? projectId.ToString() : project.Version is null ? project.Name : $"{project.Name} {project.Version}";
        await outbox.StageAsync(db,
        [
            new(NotificationGroups.Analyzer, NotificationLevels.Error, "Analyzer Error",
                $"The Trivy analysis of project {name} failed: {reason}", time.GetUtcNow(), null, projectId),
        ], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// NEW_VULNERABILITY for each finding first made by this analysis, and NEW_VULNERABLE_DEPENDENCY for each component added
    /// since the project's previous analysis that has vulnerabilities.
    /// </summary>
    public async Task FindingsAddedAsync(
        DepwatchDbContext db, Guid projectId, IReadOnlyCollection<FindingEntity> added, IEnumerable<VulnerabilityEntity> stored,
        CancellationToken cancellationToken)
    {
        if (added.Count == 0
            || !await outbox.IsWantedAsync(db, [NotificationGroups.NewVulnerability, NotificationGroups.NewVulnerableDependency], cancellationToken)
            || await ProjectAsync(db, projectId, cancellationToken) is not { } project)
        {
            return;
        }
        var vulnerabilities = stored.ToDictionary(v => v.Id);
        var componentIds = added.Select(f => f.ComponentId).Distinct().ToList();
        var components = new Dictionary<Guid, ComponentEntity>();
        foreach (var chunk in componentIds.Chunk(500))
        {
            foreach (var component in await db.Components.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                components[component.Id] = component;
            }
        }
        var now = time.GetUtcNow();
        var notifications = new List<Notification>();
        foreach (var finding in added)
        {
            var vulnerability = vulnerabilities[finding.VulnerabilityId];
            var subject = new JsonObject
            {
                ["component"] = NotificationSubjects.Component(components[finding.ComponentId]),
                ["vulnerability"] = NotificationSubjects.Vulnerability(vulnerability),
                ["affectedProjects"] = new JsonArray(project.DeepClone()),
                ["vulnerabilityAnalysisLevel"] = "BOM_UPLOAD_ANALYSIS",
            };
            notifications.Add(new(NotificationGroups.NewVulnerability, NotificationLevels.Informational, "New Vulnerability Identified",
                vulnerability.Description ?? vulnerability.Title ?? vulnerability.VulnId, now, subject, projectId));
        }
        var previousAnalysis = await db.Projects.Where(p => p.Id == projectId).Select(p => p.LastAnalysis).FirstOrDefaultAsync(cancellationToken);
        foreach (var byComponent in added.GroupBy(f => f.ComponentId))
        {
            var component = components[byComponent.Key];
            if (previousAnalysis is { } previous && component.Created <= previous)
            {
                continue;
            }
            var subject = new JsonObject
            {
                ["project"] = project.DeepClone(),
                ["component"] = NotificationSubjects.Component(component),
                ["vulnerabilities"] = new JsonArray([.. byComponent.Select(f => (JsonNode)NotificationSubjects.Vulnerability(vulnerabilities[f.VulnerabilityId]))]),
            };
            notifications.Add(new(NotificationGroups.NewVulnerableDependency, NotificationLevels.Informational, "Vulnerable Dependency Introduced",
                $"A dependency was introduced that contains {byComponent.Count()} known vulnerabilities", now, subject, projectId));
        }
        await outbox.StageAsync(db, notifications, cancellationToken);
    }

    /// <summary>PROJECT_AUDIT_CHANGE: a decision's state or suppression changed.</summary>
    public async Task AuditChangedAsync(
        DepwatchDbContext db, Guid projectId, string componentIdentity, Guid vulnerabilityId, FindingAnalysis before, FindingAnalysis after,
        CancellationToken cancellationToken)
    {
        if ((before.State == after.State && before.IsSuppressed == after.IsSuppressed)
            || !await outbox.IsWantedAsync(db, [NotificationGroups.ProjectAuditChange], cancellationToken))
        {
            return;
        }
        var component = await db.Components.AsNoTracking().FirstOrDefaultAsync(c => c.ProjectId == projectId && c.Identity == componentIdentity, cancellationToken);
        var vulnerability = await db.Vulnerabilities.AsNoTracking().FirstOrDefaultAsync(v => v.Id == vulnerabilityId, cancellationToken);
        if (component is null || vulnerability is null || await ProjectAsync(db, projectId, cancellationToken) is not { } project)
        {
            return;
        }
        var state = AnalysisNames.Name(after.State);
        var subject = new JsonObject
        {
            ["component"] = NotificationSubjects.Component(component),
            ["vulnerability"] = NotificationSubjects.Vulnerability(vulnerability),
            ["analysis"] = new JsonObject
            {
                ["suppressed"] = after.IsSuppressed, ["state"] = state, ["project"] = projectId.ToString(),
                ["component"] = component.Id.ToString(), ["vulnerability"] = vulnerabilityId.ToString(),
            },
            ["affectedProjects"] = new JsonArray(project),
        };
        var title = before.IsSuppressed != after.IsSuppressed
            ? (after.IsSuppressed ? "Analysis Decision: Finding Suppressed" : "Analysis Decision: Finding UnSuppressed")
            : $"Analysis Decision: {state}";
        await outbox.StageAsync(db,
        [
            new(NotificationGroups.ProjectAuditChange, NotificationLevels.Informational, title,
                $"An analysis decision was made to a finding affecting a project: {vulnerability.VulnId} in {component.Name}", time.GetUtcNow(), subject, projectId),
        ], cancellationToken);
    }

    /// <summary>
    /// POLICY_VIOLATION for each violation found for the first time; call it on the context that stores them, before its
    /// <c>SaveChanges</c>.
    /// </summary>
    public async Task PolicyViolationsAsync(DepwatchDbContext db, Guid projectId, IReadOnlyCollection<PolicyViolationNotice> violations, CancellationToken cancellationToken)
    {
        if (violations.Count == 0 || !await outbox.IsWantedAsync(db, [NotificationGroups.PolicyViolation], cancellationToken)
            || await ProjectAsync(db, projectId, cancellationToken) is not { } project)
        {
            return;
        }
        var componentIds = violations.Select(v => v.ComponentId).Distinct().ToList();
        var components = await db.Components.AsNoTracking().Where(c => componentIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var notifications = violations.Where(v => components.ContainsKey(v.ComponentId)).Select(v => new Notification(
            NotificationGroups.PolicyViolation, NotificationLevels.Informational, $"Policy Violation ({v.Type})",
            $"A {v.Type.ToLowerInvariant()} policy violation occurred: {v.PolicyName}", v.Timestamp, new JsonObject
            {
                ["project"] = project.DeepClone(),
                ["component"] = NotificationSubjects.Component(components[v.ComponentId]),
                ["policyViolation"] = new JsonObject
                {
                    ["uuid"] = v.ViolationId.ToString(), ["type"] = v.Type,
                    ["timestamp"] = v.Timestamp.ToUnixTimeMilliseconds(),
                    ["policyCondition"] = new JsonObject
                    {
                        ["uuid"] = v.ConditionId.ToString(), ["subject"] = v.ConditionSubject, ["operator"] = v.ConditionOperator, ["value"] = v.ConditionValue,
                        ["policy"] = new JsonObject { ["uuid"] = v.PolicyId.ToString(), ["name"] = v.PolicyName, ["violationState"] = v.ViolationState },
                    },
                },
            }, projectId)).ToList();
        await outbox.StageAsync(db, notifications, cancellationToken);
    }

    private static async Task<JsonObject?> ProjectAsync(DepwatchDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var tags = await db.ProjectTags.AsNoTracking().Where(t => t.ProjectId == projectId).Select(t => t.Name).ToListAsync(cancellationToken);
        return NotificationSubjects.Project(project, tags.Order(StringComparer.Ordinal));
    }

    private static async Task<JsonObject?> BomSubjectAsync(DepwatchDbContext db, Guid projectId, Guid token, string? specVersion, CancellationToken cancellationToken)
    {
        if (await ProjectAsync(db, projectId, cancellationToken) is not { } project)
        {
            return null;
        }
        var bom = new JsonObject { ["format"] = "CycloneDX" };
        if (specVersion is not null)
        {
            bom["specVersion"] = specVersion;
        }
        return new JsonObject { ["project"] = project, ["bom"] = bom, ["token"] = token.ToString() };
    }
}
