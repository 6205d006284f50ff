using System.Diagnostics;
using System.Globalization;
using Depwatch.Core.Components;
using Depwatch.Core.Policies;
using Depwatch.Core.Purl;
using Depwatch.Core.Vulnerabilities;

// Times PolicyEvaluator: 50 policies of every subject over a 10,000-component project, one evaluation per run, as the
// server runs it after an analysis. Prints one line per run and the median.
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
var components = Enumerable.Range(0, 10_000).Select(Component).ToList();
var vulnerabilities = components.Select((_, i) => i % 5 == 0 ? Vulnerabilities(i) : []).ToList();
var policies = Enumerable.Range(0, 50).Select(Policy).ToList();

var times = new List<double>();
var violations = 0;
for (var run = 0; run <= runs; run++)
{
    var clock = Stopwatch.StartNew();
    var evaluator = new PolicyEvaluator(policies);
    violations = components.Select((c, i) => evaluator.Evaluate(c, vulnerabilities[i]).Count).Sum();
    clock.Stop();
    if (run > 0)
    {
        times.Add(clock.Elapsed.TotalMilliseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {clock.Elapsed.TotalMilliseconds:F0} ms, {violations} violations"));
    }
}
times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median of {runs} (after one warm-up): {times[times.Count / 2]:F0} ms for 50 policies x {components.Count} components ({violations} violations)"));

static Component Component(int i)
{
    var name = $"lib-{i % 2_000}";
    var purl = $"pkg:maven/org.example.g{i % 97}/{name}@{1 + (i % 9)}.{i % 13}.{i % 7}";
    return new Component
    {
        Key = i.ToString(CultureInfo.InvariantCulture), Group = $"org.example.g{i % 97}", Name = name,
        Version = $"{1 + (i % 9)}.{i % 13}.{i % 7}", PurlText = purl, Purl = PackageUrl.Parse(purl),
        Licenses = [i % 3 == 0 ? ComponentLicense.ForExpression("MIT OR GPL-3.0-only") : ComponentLicense.ForId(i % 2 == 0 ? "Apache-2.0" : "LGPL-2.1-only")],
        Hashes = [new ComponentHash("SHA-256", (i * 7919).ToString("x64", CultureInfo.InvariantCulture))],
    };
}

static Vulnerability[] Vulnerabilities(int i) =>
[
    new() { VulnId = $"CVE-2025-{i:D5}", Source = "NVD", Severity = (Severity)(i % 6), Cwes = [79 + (i % 5)] },
    new() { VulnId = $"GHSA-{i:D4}", Source = "GITHUB", Severity = Severity.High, Cwes = [502] },
];

// Ten kinds of condition, five policies each, with values that some components meet.
static Policy Policy(int i)
{
    (ConditionSubject, ConditionOperator, string) condition = (i % 10) switch
    {
        0 => (ConditionSubject.Severity, ConditionOperator.Is, "CRITICAL"),
        1 => (ConditionSubject.VulnerabilityId, ConditionOperator.Is, $"CVE-2025-{i * 100:D5}"),
        2 => (ConditionSubject.Cwe, ConditionOperator.ContainsAny, "CWE-79, CWE-89"),
        3 => (ConditionSubject.PackageUrl, ConditionOperator.Matches, $"pkg:maven/org.example.g{i}/*"),
        4 => (ConditionSubject.Coordinates, ConditionOperator.Matches, $$"""{"group":"org.example.*","name":"lib-{{i}}*","version":"<3.0"}"""),
        5 => (ConditionSubject.Version, ConditionOperator.NumericLessThan, "2.5.0"),
        6 => (ConditionSubject.License, ConditionOperator.Is, "GPL-3.0-only"),
        7 => (ConditionSubject.LicenseGroup, ConditionOperator.IsNot, "Permissive"),
        8 => (ConditionSubject.ComponentHash, ConditionOperator.Is, $$"""{"algorithm":"SHA-256","value":"{{i:x64}}"}"""),
        _ => (ConditionSubject.Coordinates, ConditionOperator.NoMatch, """{"name":"^lib-1\\d*$"}"""),
    };
    return new Policy(Guid.NewGuid(), $"policy {i}", i % 4 == 0 ? PolicyOperator.All : PolicyOperator.Any, ViolationState.Warn,
        [new PolicyCondition(Guid.NewGuid(), condition.Item1, condition.Item2, condition.Item3),
         new PolicyCondition(Guid.NewGuid(), ConditionSubject.Severity, ConditionOperator.IsNot, "LOW")]);
}
