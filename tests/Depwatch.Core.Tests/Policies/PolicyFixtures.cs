using Depwatch.Core.Components;
using Depwatch.Core.Policies;
using Depwatch.Core.Purl;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Core.Tests.Policies;

/// <summary>Components, vulnerabilities and one-condition policies for the evaluator's tests.</summary>
internal static class PolicyFixtures
{
    public static Component Component(
        string name = "log4j-core", string? group = "org.apache.logging.log4j", string? version = "2.14.1",
        string? purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        IReadOnlyList<ComponentLicense>? licenses = null, IReadOnlyList<ComponentHash>? hashes = null) => new()
    {
        Key = name,
        Name = name,
        Group = group,
        Version = version,
        PurlText = purl,
        Purl = purl is null ? null : PackageUrl.Parse(purl),
        Licenses = licenses ?? [],
        Hashes = hashes ?? [],
    };

    public static Vulnerability Vulnerability(string id, Severity severity = Severity.High, int[]? cwes = null, string[]? aliases = null) => new()
    {
        VulnId = id,
        Source = "NVD",
        Severity = severity,
        Cwes = cwes ?? [],
        Aliases = [.. (aliases ?? []).Select(a => new VulnerabilityAlias("GITHUB", a))],
    };

    public static Policy Policy(ViolationState state, PolicyOperator op, params (ConditionSubject, ConditionOperator, string)[] conditions) =>
        new(Guid.NewGuid(), "policy", op, state,
            [.. conditions.Select(c => new PolicyCondition(Guid.NewGuid(), c.Item1, c.Item2, c.Item3))]);

    /// <summary>Whether a one-condition policy is violated by the component with these vulnerabilities.</summary>
    public static bool Violates(ConditionSubject subject, ConditionOperator op, string value, Component component, params Vulnerability[] vulnerabilities)
    {
        var evaluator = new PolicyEvaluator([Policy(ViolationState.Fail, PolicyOperator.Any, (subject, op, value))]);
        var violations = evaluator.Evaluate(component, vulnerabilities);
        Assert.Empty(evaluator.Failures);
        return violations.Count > 0;
    }
}
