namespace Depwatch.Server.Notifications;

/// <summary>A violation that policy evaluation found for the first time, as the POLICY_VIOLATION notification reports it.</summary>
/// <param name="Type">SECURITY, LICENSE or OPERATIONAL.</param>
/// <param name="ViolationState">The policy's INFO, WARN or FAIL.</param>
public sealed record PolicyViolationNotice(
    Guid ViolationId, string Type, DateTimeOffset Timestamp, Guid ComponentId,
    Guid ConditionId, string ConditionSubject, string ConditionOperator, string ConditionValue,
    Guid PolicyId, string PolicyName, string ViolationState);
