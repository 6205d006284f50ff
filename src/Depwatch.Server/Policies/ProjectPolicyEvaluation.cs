using Depwatch.Core.Policies;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Policies;

/// <summary>
/// Evaluates a project's components, with their unsuppressed findings, against the policies that apply to it, and
/// makes its stored violations match: new ones are added, ones that no longer hold are resolved (kept in history).
/// </summary>
internal sealed partial class ProjectPolicyEvaluation(
    IDbContextFactory<DepwatchDbContext> contexts, MetricsHistory history, NotificationEvents notifications, TimeProvider time,
    ILogger<ProjectPolicyEvaluation> logger)
{
    /// <summary>Evaluates the project and returns the violations this evaluation found first (for notifications).</summary>
    public async Task<List<PolicyViolationEntity>> EvaluateAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return [];
        }
        var applicable = await ApplicablePoliciesAsync(db, project, cancellationToken);
        var held = applicable.Count == 0 ? [] : await HeldAsync(db, projectId, applicable, cancellationToken);
        var (added, resolved) = await ReconcileAsync(db, projectId, held, applicable, cancellationToken);
        if (added.Count > 0 || resolved > 0)
        {
            // Today's row of the project's history shows the violations as they now are.
            await history.RecordProjectAsync(projectId, null, cancellationToken);
        }
        return added;
    }

    private static async Task<List<Policy>> ApplicablePoliciesAsync(DepwatchDbContext db, ProjectEntity project, CancellationToken cancellationToken)
    {
        var tags = (await ProjectTags.ForProjectsAsync(db, [project.Id], cancellationToken)).GetValueOrDefault(project.Id, []);
        var ancestors = await StoredPolicies.AncestorsAsync(db, project, cancellationToken);
        var policies = await StoredPolicies.LoadAsync(db, cancellationToken);
        return [.. policies.Where(p => p.AppliesTo(project, tags, ancestors)).Select(p => p.Policy)];
    }

    private async Task<List<HeldCondition>> HeldAsync(DepwatchDbContext db, Guid projectId, List<Policy> policies, CancellationToken cancellationToken)
    {
        var components = await db.Components.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        var findings = await StoredFindings.ReadOpenAsync(db, projectId, null, suppressed: false, cancellationToken);
        var vulnerabilities = findings.ToLookup(f => f.Finding.Component.Key, f => f.Finding.Vulnerability);
        var evaluator = new PolicyEvaluator(policies);
        var held = new List<HeldCondition>();
        foreach (var component in components)
        {
            IReadOnlyList<Vulnerability> found = [.. vulnerabilities[component.Id.ToString()]];
            held.AddRange(evaluator.Evaluate(ComponentMapping.ToDomain(component), found)
                .Select(v => new HeldCondition(component.Id, component.Identity, v.Condition.Uuid, PolicyNames.Name(v.Type))));
        }
        foreach (var failure in evaluator.Failures)
        {
            LogConditionFailed(logger, failure.Policy.Name, failure.Condition.Uuid, projectId, failure.Message);
        }
        return held;
    }

    private async Task<(List<PolicyViolationEntity> Added, int Resolved)> ReconcileAsync(
        DepwatchDbContext db, Guid projectId, List<HeldCondition> held, List<Policy> policies, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.PolicyViolations.Where(v => v.ProjectId == projectId && v.ResolvedOn == null).ToListAsync(cancellationToken);
        var openByKey = open.ToDictionary(v => (v.ComponentIdentity, v.PolicyConditionId));
        var added = new List<PolicyViolationEntity>();
        foreach (var condition in held.DistinctBy(h => (h.ComponentIdentity, h.ConditionId)))
        {
            if (openByKey.Remove((condition.ComponentIdentity, condition.ConditionId), out var existing))
            {
                existing.ComponentId = condition.ComponentId;
                continue;
            }
            added.Add(new PolicyViolationEntity
            {
                Id = Guid.NewGuid(), ProjectId = projectId, ComponentId = condition.ComponentId,
                ComponentIdentity = condition.ComponentIdentity, PolicyConditionId = condition.ConditionId,
                Type = condition.Type, Timestamp = now,
            });
        }
        foreach (var gone in openByKey.Values)
        {
            gone.ResolvedOn = now;
        }
        db.PolicyViolations.AddRange(added);
        // POLICY_VIOLATION notifications go into the outbox in the same transaction as the violations they announce.
        await notifications.PolicyViolationsAsync(db, projectId, Notices(added, policies), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (added, openByKey.Count);
    }

    private static List<PolicyViolationNotice> Notices(List<PolicyViolationEntity> added, List<Policy> policies)
    {
        var conditions = policies.SelectMany(p => p.Conditions.Select(c => (Policy: p, Condition: c))).ToDictionary(x => x.Condition.Uuid);
        return [.. added.Select(v =>
        {
            var (policy, condition) = conditions[v.PolicyConditionId];
            return new PolicyViolationNotice(v.Id, v.Type, v.Timestamp, v.ComponentId, condition.Uuid, PolicyNames.Name(condition.Subject),
                PolicyNames.Name(condition.Operator), condition.Value, policy.Uuid, policy.Name, PolicyNames.Name(policy.ViolationState));
        })];
    }

    private sealed record HeldCondition(Guid ComponentId, string ComponentIdentity, Guid ConditionId, string Type);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning,
        Message = "Policy {Policy}: condition {Condition} could not be evaluated on project {ProjectId} and counted as not met: {Reason}")]
    private static partial void LogConditionFailed(ILogger logger, string policy, Guid condition, Guid projectId, string reason);
}
