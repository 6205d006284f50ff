namespace Depwatch.Core.Policies;

/// <summary>A policy: conditions combined with <see cref="Operator"/>, violated with <see cref="ViolationState"/>.</summary>
public sealed record Policy(
    Guid Uuid,
    string Name,
    PolicyOperator Operator,
    ViolationState ViolationState,
    IReadOnlyList<PolicyCondition> Conditions);

/// <summary>One condition of a policy, with its value as Dependency-Track writes it for the subject.</summary>
public sealed record PolicyCondition(Guid Uuid, ConditionSubject Subject, ConditionOperator Operator, string Value);

/// <summary>A condition of a policy that holds for a component, with the type of violation its subject gives.</summary>
public sealed record PolicyConditionViolation(Policy Policy, PolicyCondition Condition, ViolationType Type);

/// <summary>Why a condition is refused: the field at fault (<c>subject</c>, <c>operator</c> or <c>value</c>) and the reason.</summary>
public sealed record ConditionError(string Field, string Message);

/// <summary>A condition that could not be evaluated during one evaluation (a regular expression that ran out of time).</summary>
public sealed record ConditionFailure(Policy Policy, PolicyCondition Condition, string Message);
