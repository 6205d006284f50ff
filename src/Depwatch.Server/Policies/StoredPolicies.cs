using Depwatch.Core.Policies;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Policies;

/// <summary>A stored policy as the evaluator sees it, with the projects and tags it is assigned to.</summary>
internal sealed record StoredPolicy(Policy Policy, PolicyEntity Entity, IReadOnlySet<Guid> Projects, IReadOnlySet<string> Tags)
{
    public bool IsGlobal => Projects.Count == 0 && Tags.Count == 0;

    /// <summary>Whether it applies to a project with these tags and ancestors (parent first), as Dependency-Track decides.</summary>
    public bool AppliesTo(ProjectEntity project, IReadOnlyCollection<string> tags, IReadOnlyList<Guid> ancestors)
    {
        if (Entity.OnlyLatestProjectVersion && !project.IsLatest)
        {
            return false;
        }
        return IsGlobal || Projects.Contains(project.Id) || (Entity.IncludeChildren && ancestors.Any(Projects.Contains))
            || tags.Any(Tags.Contains);
    }
}

/// <summary>Reads policies, their conditions and assignments from storage: the one place they are turned into the core's.</summary>
internal static class StoredPolicies
{
    public static async Task<List<StoredPolicy>> LoadAsync(DepwatchDbContext db, CancellationToken cancellationToken)
    {
        var policies = await db.Policies.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var conditions = (await db.PolicyConditions.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(c => c.PolicyId);
        var projects = (await db.PolicyProjects.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(a => a.PolicyId, a => a.ProjectId);
        var tags = (await db.PolicyTags.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(a => a.PolicyId, a => a.Tag);
        return [.. policies.Select(p => new StoredPolicy(ToCore(p, conditions[p.Id]), p, projects[p.Id].ToHashSet(), tags[p.Id].ToHashSet()))];
    }

    public static Policy ToCore(PolicyEntity policy, IEnumerable<PolicyConditionEntity> conditions)
    {
        PolicyNames.TryParse(policy.Operator, out PolicyOperator op);
        PolicyNames.TryParse(policy.ViolationState, out ViolationState state);
        return new Policy(policy.Id, policy.Name, op, state, [.. conditions.Select(ToCore)]);
    }

    public static PolicyCondition ToCore(PolicyConditionEntity condition)
    {
        PolicyNames.TryParse(condition.Subject, out ConditionSubject subject);
        PolicyNames.TryParse(condition.Operator, out ConditionOperator op);
        return new PolicyCondition(condition.Id, subject, op, condition.Value);
    }

    /// <summary>The project's ancestors, parent first; a cycle or an overlong chain ends the walk.</summary>
    public static async Task<List<Guid>> AncestorsAsync(DepwatchDbContext db, ProjectEntity project, CancellationToken cancellationToken)
    {
        var ancestors = new List<Guid>();
        for (var parentId = project.ParentId; parentId is { } id && !ancestors.Contains(id) && ancestors.Count < 64;)
        {
            ancestors.Add(id);
            parentId = await db.Projects.Where(p => p.Id == id).Select(p => p.ParentId).FirstOrDefaultAsync(cancellationToken);
        }
        return ancestors;
    }
}
