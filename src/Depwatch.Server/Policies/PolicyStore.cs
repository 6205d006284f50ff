using Depwatch.Core.Policies;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Policies;

/// <summary>
/// Stores policies, their conditions and assignments. Every change queues the portfolio's evaluation in the same
/// transaction, so violations follow the change without the request waiting for them.
/// </summary>
internal sealed class PolicyStore(IDbContextFactory<DepwatchDbContext> contexts, IJobQueue jobs)
{
    public async Task<(List<PolicyJson> Page, int Total)> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Policies.AsNoTracking();
        if (page.Filter is { } filter)
        {
            var term = filter.ToLowerInvariant();
            query = query.Where(p => p.Name.ToLower().Contains(term));
        }
        var total = await query.CountAsync(cancellationToken);
        var ids = await page.Apply(query.OrderBy(p => p.Name)).Select(p => p.Id).ToListAsync(cancellationToken);
        var policies = new List<PolicyJson>();
        foreach (var id in ids)
        {
            policies.Add((await ReadAsync(db, id, cancellationToken))!);
        }
        return (policies, total);
    }

    public async Task<PolicyJson?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, id, cancellationToken);
    }

    /// <summary>The new policy, or null when one of that name exists.</summary>
    public async Task<PolicyJson?> CreateAsync(string name, PolicyOperator op, ViolationState state, bool includeChildren, bool onlyLatest,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Policies.AnyAsync(p => p.Name == name, cancellationToken))
        {
            return null;
        }
        var policy = new PolicyEntity
        {
            Id = Guid.NewGuid(), Name = name, Operator = PolicyNames.Name(op), ViolationState = PolicyNames.Name(state),
            IncludeChildren = includeChildren, OnlyLatestProjectVersion = onlyLatest,
        };
        db.Policies.Add(policy);
        await SaveAsync(db, cancellationToken);
        return await ReadAsync(db, policy.Id, cancellationToken);
    }

    public async Task<PolicyOutcome> UpdateAsync(Guid id, string name, PolicyOperator? op, ViolationState? state, bool? includeChildren, bool? onlyLatest,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var policy = await db.Policies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return PolicyOutcome.PolicyNotFound;
        }
        if (await db.Policies.AnyAsync(p => p.Name == name && p.Id != id, cancellationToken))
        {
            return PolicyOutcome.NameTaken;
        }
        policy.Name = name;
        policy.Operator = op is { } o ? PolicyNames.Name(o) : policy.Operator;
        policy.ViolationState = state is { } s ? PolicyNames.Name(s) : policy.ViolationState;
        policy.IncludeChildren = includeChildren ?? policy.IncludeChildren;
        policy.OnlyLatestProjectVersion = onlyLatest ?? policy.OnlyLatestProjectVersion;
        await SaveAsync(db, cancellationToken);
        return new PolicyOutcome(await ReadAsync(db, id, cancellationToken));
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Policies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } policy)
        {
            return false;
        }
        db.Policies.Remove(policy);
        await SaveAsync(db, cancellationToken);
        return true;
    }

    /// <summary>Assigns or unassigns a project; the answer is unchanged (304) when there was nothing to do.</summary>
    public async Task<PolicyOutcome> AssignProjectAsync(Guid policyId, Guid projectId, bool assign, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, cancellationToken))
        {
            return PolicyOutcome.PolicyNotFound;
        }
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return PolicyOutcome.TargetNotFound;
        }
        var existing = await db.PolicyProjects.FirstOrDefaultAsync(a => a.PolicyId == policyId && a.ProjectId == projectId, cancellationToken);
        if ((existing is not null) == assign)
        {
            return PolicyOutcome.Unchanged;
        }
        if (assign)
        {
            db.PolicyProjects.Add(new PolicyProjectEntity { PolicyId = policyId, ProjectId = projectId });
        }
        else
        {
            db.PolicyProjects.Remove(existing!);
        }
        await SaveAsync(db, cancellationToken);
        return new PolicyOutcome(await ReadAsync(db, policyId, cancellationToken));
    }

    /// <summary>Assigns or unassigns a tag, which must be some project's tag to be assigned.</summary>
    public async Task<PolicyOutcome> AssignTagAsync(Guid policyId, string tagName, bool assign, CancellationToken cancellationToken)
    {
        var tag = ProjectTags.Normalize(tagName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Policies.AnyAsync(p => p.Id == policyId, cancellationToken))
        {
            return PolicyOutcome.PolicyNotFound;
        }
        var existing = await db.PolicyTags.FirstOrDefaultAsync(a => a.PolicyId == policyId && a.Tag == tag, cancellationToken);
        if (existing is null && !await db.ProjectTags.AnyAsync(t => t.Name == tag, cancellationToken))
        {
            return PolicyOutcome.TargetNotFound;
        }
        if ((existing is not null) == assign)
        {
            return PolicyOutcome.Unchanged;
        }
        if (assign)
        {
            db.PolicyTags.Add(new PolicyTagEntity { PolicyId = policyId, Tag = tag });
        }
        else
        {
            db.PolicyTags.Remove(existing!);
        }
        await SaveAsync(db, cancellationToken);
        return new PolicyOutcome(await ReadAsync(db, policyId, cancellationToken));
    }

    /// <summary>Adds the condition to the policy, or null when there is no such policy.</summary>
    public async Task<PolicyConditionJson?> AddConditionAsync(Guid policyId, PolicyCondition condition, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == policyId, cancellationToken) is not { } policy)
        {
            return null;
        }
        var entity = new PolicyConditionEntity
        {
            Id = condition.Uuid, PolicyId = policyId, Subject = PolicyNames.Name(condition.Subject),
            Operator = PolicyNames.Name(condition.Operator), Value = condition.Value,
        };
        db.PolicyConditions.Add(entity);
        await SaveAsync(db, cancellationToken);
        return PolicyConditionJson.From(entity, policy);
    }

    /// <summary>Changes the condition, or null when there is no such condition.</summary>
    public async Task<PolicyConditionJson?> UpdateConditionAsync(PolicyCondition condition, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.PolicyConditions.FirstOrDefaultAsync(c => c.Id == condition.Uuid, cancellationToken) is not { } entity)
        {
            return null;
        }
        entity.Subject = PolicyNames.Name(condition.Subject);
        entity.Operator = PolicyNames.Name(condition.Operator);
        entity.Value = condition.Value;
        await SaveAsync(db, cancellationToken);
        var policy = await db.Policies.AsNoTracking().FirstAsync(p => p.Id == entity.PolicyId, cancellationToken);
        return PolicyConditionJson.From(entity, policy);
    }

    public async Task<bool> DeleteConditionAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.PolicyConditions.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } condition)
        {
            return false;
        }
        db.PolicyConditions.Remove(condition);
        await SaveAsync(db, cancellationToken);
        return true;
    }

    private async Task SaveAsync(DepwatchDbContext db, CancellationToken cancellationToken)
    {
        await EvaluatePoliciesHandler.QueueForPortfolioAsync(db, jobs, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Committed();
    }

    private static async Task<PolicyJson?> ReadAsync(DepwatchDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } policy)
        {
            return null;
        }
        var conditions = await db.PolicyConditions.AsNoTracking().Where(c => c.PolicyId == id).OrderBy(c => c.Subject).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var projects = await db.PolicyProjects.AsNoTracking().Where(a => a.PolicyId == id)
            .Join(db.Projects, a => a.ProjectId, p => p.Id, (a, p) => p).ToListAsync(cancellationToken);
        var tags = await db.PolicyTags.AsNoTracking().Where(a => a.PolicyId == id).Select(a => a.Tag).ToListAsync(cancellationToken);
        return PolicyJson.From(policy, conditions, projects, tags);
    }
}

/// <summary>What a change to a policy came to: the policy as it now is, or why not.</summary>
internal sealed record PolicyOutcome(PolicyJson? Policy, string? Problem = null)
{
    public static readonly PolicyOutcome PolicyNotFound = new(null, nameof(PolicyNotFound));
    public static readonly PolicyOutcome TargetNotFound = new(null, nameof(TargetNotFound));
    public static readonly PolicyOutcome NameTaken = new(null, nameof(NameTaken));
    public static readonly PolicyOutcome Unchanged = new(null, nameof(Unchanged));
}
