using System.Collections.Concurrent;
using Depwatch.Core.Components;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Core.Policies;

/// <summary>
/// Evaluates components against a set of policies, compiled once. A policy with operator ANY is violated when one
/// of its conditions holds, ALL when every one does; each condition that holds in a violated policy is one
/// violation, typed by its subject. A condition whose regular expression runs out of time on some component is
/// reported in <see cref="Failures"/> and counts as not holding, for that component and every later one, so one
/// bad pattern costs at most one time-out per evaluator. Safe to use from several threads.
/// </summary>
public sealed class PolicyEvaluator
{
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(200);

    private readonly List<(Policy Policy, List<(PolicyCondition Condition, ConditionTest Test)> Conditions)> _policies = [];
    private readonly ConcurrentDictionary<Guid, ConditionFailure> _failures = new();

    public PolicyEvaluator(IEnumerable<Policy> policies, LicenseGroups? groups = null, TimeSpan? regexTimeout = null)
    {
        foreach (var policy in policies)
        {
            var conditions = new List<(PolicyCondition, ConditionTest)>();
            foreach (var condition in policy.Conditions)
            {
                if (ConditionCompiler.Compile(condition, groups ?? LicenseGroups.Defaults, regexTimeout ?? DefaultRegexTimeout, out var error) is { } test)
                {
                    conditions.Add((condition, test));
                }
                else
                {
                    _failures[condition.Uuid] = new ConditionFailure(policy, condition, $"{error!.Field}: {error.Message}");
                }
            }
            _policies.Add((policy, conditions));
        }
    }

    /// <summary>Conditions that could not be compiled or ran out of time, and so never held.</summary>
    public IReadOnlyCollection<ConditionFailure> Failures => [.. _failures.Values];

    /// <summary>The violations of the component, whose vulnerabilities are those not suppressed; only policies that <paramref name="applies"/>.</summary>
    public List<PolicyConditionViolation> Evaluate(Component component, IReadOnlyList<Vulnerability> vulnerabilities, Func<Policy, bool>? applies = null)
    {
        var violations = new List<PolicyConditionViolation>();
        var holding = new List<PolicyCondition>();
        foreach (var (policy, conditions) in _policies)
        {
            if (conditions.Count == 0 || applies?.Invoke(policy) == false)
            {
                continue;
            }
            holding.Clear();
            foreach (var (condition, test) in conditions)
            {
                if (Holds(policy, condition, test, component, vulnerabilities))
                {
                    holding.Add(condition);
                }
            }
            var violated = policy.Operator == PolicyOperator.Any ? holding.Count > 0 : holding.Count == policy.Conditions.Count;
            if (violated)
            {
                violations.AddRange(holding.Select(c => new PolicyConditionViolation(policy, c, PolicySubjects.TypeOf(c.Subject))));
            }
        }
        return violations;
    }

    private bool Holds(Policy policy, PolicyCondition condition, ConditionTest test, Component component, IReadOnlyList<Vulnerability> vulnerabilities)
    {
        if (_failures.ContainsKey(condition.Uuid))
        {
            return false;
        }
        if (test.Holds(component, vulnerabilities) is { } holds)
        {
            return holds;
        }
        _failures.TryAdd(condition.Uuid, new ConditionFailure(policy, condition, $"the regular expression ran out of time on component {component}"));
        return false;
    }
}
