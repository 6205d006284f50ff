using System.Diagnostics;
using Depwatch.Core.Components;
using Depwatch.Core.Policies;
using Depwatch.Core.Vulnerabilities;
using static Depwatch.Core.Tests.Policies.PolicyFixtures;

namespace Depwatch.Core.Tests.Policies;

/// <summary>ANY and ALL, violation types, which policies apply, and patterns that run out of time.</summary>
public sealed class PolicyEvaluatorTests
{
    private static readonly Vulnerability s_critical = Vulnerability("CVE-2021-44228", Severity.Critical);

    [Fact]
    public void Any_reports_each_condition_that_holds()
    {
        var policy = Policy(ViolationState.Warn, PolicyOperator.Any,
            (ConditionSubject.Severity, ConditionOperator.Is, "CRITICAL"),
            (ConditionSubject.PackageUrl, ConditionOperator.Matches, "pkg:maven/*"),
            (ConditionSubject.License, ConditionOperator.Is, "GPL-3.0-only"));

        var violations = new PolicyEvaluator([policy]).Evaluate(Component(), [s_critical]);

        Assert.Equal([ViolationType.Security, ViolationType.Operational], violations.Select(v => v.Type));
        Assert.All(violations, v => Assert.Same(policy, v.Policy));
    }

    [Fact]
    public void All_needs_every_condition()
    {
        var policy = Policy(ViolationState.Fail, PolicyOperator.All,
            (ConditionSubject.Severity, ConditionOperator.Is, "CRITICAL"),
            (ConditionSubject.Coordinates, ConditionOperator.Matches, """{"name":"log4j-core","version":"<2.17.1"}"""));
        var evaluator = new PolicyEvaluator([policy]);

        Assert.Equal(2, evaluator.Evaluate(Component(), [s_critical]).Count);
        Assert.Empty(evaluator.Evaluate(Component(version: "2.17.1"), [s_critical]));
        Assert.Empty(evaluator.Evaluate(Component(), []));
    }

    [Fact]
    public void License_subjects_give_license_violations()
    {
        var policy = Policy(ViolationState.Info, PolicyOperator.Any, (ConditionSubject.LicenseGroup, ConditionOperator.Is, "Copyleft"));
        var violation = Assert.Single(new PolicyEvaluator([policy]).Evaluate(Component(licenses: [ComponentLicense.ForId("AGPL-3.0-only")]), []));
        Assert.Equal(ViolationType.License, violation.Type);
    }

    [Fact]
    public void Only_policies_that_apply_are_evaluated()
    {
        var applies = Policy(ViolationState.Fail, PolicyOperator.Any, (ConditionSubject.Version, ConditionOperator.NumericLessThan, "3"));
        var elsewhere = Policy(ViolationState.Fail, PolicyOperator.Any, (ConditionSubject.Version, ConditionOperator.NumericLessThan, "3"));

        var violations = new PolicyEvaluator([applies, elsewhere]).Evaluate(Component(), [], p => p == applies);

        Assert.Same(applies, Assert.Single(violations).Policy);
    }

    [Fact]
    public void A_pattern_that_runs_out_of_time_is_reported_once_and_holds_nowhere()
    {
        // A back-reference needs the backtracking engine, where (x+x+)+y blows up on a long run of x.
        var policy = Policy(ViolationState.Fail, PolicyOperator.Any,
            (ConditionSubject.PackageUrl, ConditionOperator.NoMatch, @"(x+x+)+y\1"),
            (ConditionSubject.Severity, ConditionOperator.Is, "CRITICAL"));
        var evaluator = new PolicyEvaluator([policy], regexTimeout: TimeSpan.FromMilliseconds(50));
        var slow = Component(purl: "pkg:generic/" + new string('x', 40_000));

        var clock = Stopwatch.StartNew();
        var violations = Enumerable.Range(0, 20).SelectMany(_ => evaluator.Evaluate(slow, [s_critical])).ToList();

        Assert.Equal(20, violations.Count);
        Assert.All(violations, v => Assert.Equal(ConditionSubject.Severity, v.Condition.Subject));
        var failure = Assert.Single(evaluator.Failures);
        Assert.Contains("ran out of time", failure.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Nested_quantifiers_run_in_linear_time_without_back_references()
    {
        var policy = Policy(ViolationState.Fail, PolicyOperator.Any, (ConditionSubject.PackageUrl, ConditionOperator.Matches, "^(a+)+$"));
        var evaluator = new PolicyEvaluator([policy], regexTimeout: TimeSpan.FromMilliseconds(50));

        Assert.Empty(evaluator.Evaluate(Component(purl: "pkg:generic/" + new string('a', 50_000) + "!"), []));
        Assert.Empty(evaluator.Failures);
    }
}
