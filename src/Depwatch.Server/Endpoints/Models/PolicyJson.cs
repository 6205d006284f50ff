using Depwatch.Core.Policies;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's Policy object: its conditions, the projects and tags it is assigned to.</summary>
public sealed record PolicyJson(
    Guid Uuid, string Name, string Operator, string ViolationState, List<PolicyConditionJson> PolicyConditions,
    List<ProjectRefJson> Projects, List<TagJson> Tags, bool Global, bool IncludeChildren, bool OnlyLatestProjectVersion)
{
    public static PolicyJson From(PolicyEntity policy, IEnumerable<PolicyConditionEntity> conditions, IEnumerable<ProjectEntity> projects, IEnumerable<string> tags)
    {
        var projectRefs = projects.OrderBy(p => p.Name).ThenBy(p => p.Version).Select(ProjectRefJson.From).ToList();
        var tagRefs = tags.Order(StringComparer.Ordinal).Select(t => new TagJson(t)).ToList();
        return new PolicyJson(policy.Id, policy.Name, policy.Operator, policy.ViolationState,
            [.. conditions.Select(c => PolicyConditionJson.From(c, null))], projectRefs, tagRefs,
            projectRefs.Count == 0 && tagRefs.Count == 0, policy.IncludeChildren, policy.OnlyLatestProjectVersion);
    }
}

/// <summary>A condition; inside a violation it carries its policy.</summary>
public sealed record PolicyConditionJson(Guid Uuid, string Subject, string Operator, string Value, string ViolationType, PolicyRefJson? Policy)
{
    public static PolicyConditionJson From(PolicyConditionEntity condition, PolicyEntity? policy)
    {
        PolicyNames.TryParse(condition.Subject, out ConditionSubject subject);
        return new PolicyConditionJson(condition.Id, condition.Subject, condition.Operator, condition.Value,
            PolicyNames.Name(PolicySubjects.TypeOf(subject)), policy is null ? null : PolicyRefJson.From(policy));
    }
}

/// <summary>A policy as a violation's condition names it.</summary>
public sealed record PolicyRefJson(Guid Uuid, string Name, string Operator, string ViolationState, bool IncludeChildren, bool OnlyLatestProjectVersion)
{
    public static PolicyRefJson From(PolicyEntity policy) =>
        new(policy.Id, policy.Name, policy.Operator, policy.ViolationState, policy.IncludeChildren, policy.OnlyLatestProjectVersion);
}

/// <summary>A policy in a create or update request; <c>uuid</c> names the policy to update.</summary>
public sealed record PolicyRequest(string? Uuid, string? Name, string? Operator, string? ViolationState, bool? IncludeChildren, bool? OnlyLatestProjectVersion);

/// <summary>A condition in a create or update request; <c>uuid</c> names the condition to update.</summary>
public sealed record PolicyConditionRequest(string? Uuid, string? Subject, string? Operator, string? Value);
