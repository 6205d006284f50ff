using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Depwatch.Testing;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

/// <summary>
/// <c>depwatch scan --policy</c> against the real Trivy server: the conditions of a policy file, JSON or YAML, judged on
/// the SBOM's components (licenses and hashes from the SBOM, vulnerabilities from Trivy), reported in every format, and a
/// FAIL violation failing the build.
/// </summary>
public abstract class PolicyOptionTests(TrivyServerFixture trivy, CliRunner cli) : IDisposable
{
    // Policies/app.cdx.json: jackson-databind (CVE-2025-90301, high), log4j-core 2.14.1 (CVE-2025-90302, critical), both
    // Apache-2.0, and acme-readline under MIT AND GPL-3.0-only with a SHA-256 hash; Policies/policies.json and .yaml hold
    // one FAIL policy on critical vulnerabilities, a WARN one on copyleft licenses and two INFO ones (ALL, ANY).
    private readonly TemporaryDirectory _work = new("depwatch-cli-policy-");

    [Fact]
    public async Task Table_report_with_a_policy_file_matches_the_golden_file()
    {
        var run = await ScanAsync("--policy", File("policies.json"));

        Golden.AssertMatches(run.Out, "scan-policy.table.txt");
    }

    [Fact]
    public async Task Json_report_with_a_policy_file_matches_the_golden_file()
    {
        var run = await ScanAsync("--policy", File("policies.json"), "-f", "json");

        Golden.AssertMatches(run.Out, "scan-policy.report.json");
    }

    [Fact]
    public async Task Sarif_report_with_a_policy_file_matches_the_golden_file()
    {
        var run = await ScanAsync("--policy", File("policies.json"), "-f", "sarif");

        // The tool version changes with every build and the SBOM's URI with the checkout.
        var sarif = JsonNode.Parse(run.Out)!;
        sarif["runs"]![0]!["tool"]!["driver"]!["version"] = "0.0.0-test";
        var text = sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .Replace(new Uri(RepositoryRoot.Path).AbsoluteUri, "file:///depwatch", StringComparison.Ordinal);
        Golden.AssertMatches(text + "\n", "scan-policy.sarif.json");
    }

    [Fact]
    public async Task Every_format_reports_each_violation_with_its_level()
    {
        var json = JsonNode.Parse((await ScanAsync("--policy", File("policies.json"), "-f", "json")).Out)!;
        var sarif = JsonNode.Parse((await ScanAsync("--policy", File("policies.json"), "-f", "sarif")).Out)!;

        var violations = json["violations"]!.AsArray()
            .Select(v => $"{v!["state"]} {v["type"]} {v["policy"]} {v["component"]!["name"]} {v["condition"]!["subject"]}").ToList();
        Assert.Equal(
        [
            "FAIL SECURITY No critical vulnerabilities log4j-core SEVERITY",
            "WARN LICENSE No copyleft acme-readline LICENSE_GROUP",
            "INFO OPERATIONAL Known bad build acme-readline COMPONENT_HASH",
            "INFO OPERATIONAL Vulnerable log4j log4j-core COORDINATES",
            "INFO SECURITY Vulnerable log4j log4j-core VULNERABILITY_ID",
        ], violations);
        Assert.Equal(2, json["findings"]!.AsArray().Count);
        var results = sarif["runs"]![0]!["results"]!.AsArray().Where(r => ((string)r!["ruleId"]!).StartsWith("policy/", StringComparison.Ordinal))
            .Select(r => $"{r!["ruleId"]} {r["level"]}").ToList();
        Assert.Equal(
        [
            "policy/No critical vulnerabilities/1 error", "policy/No copyleft/1 warning", "policy/Known bad build/1 note",
            "policy/Vulnerable log4j/1 note", "policy/Vulnerable log4j/2 note",
        ], results);
    }

    [Fact]
    public async Task A_FAIL_violation_exits_1_and_WARN_or_INFO_only_exits_0()
    {
        var warnOnly = Write("warn.yaml", """
            - name: No copyleft
              violationState: WARN
              conditions: [{ subject: LICENSE_GROUP, operator: IS, value: Copyleft }]
            - name: Old versions
              violationState: INFO
              conditions: [{ subject: VERSION, operator: NUMERIC_LESS_THAN, value: "3" }]
            """);

        var fail = await ScanAsync("--policy", File("policies.json"), "--quiet");
        var warn = await ScanAsync("--policy", warnOnly, "--quiet");
        var warnWithFailOn = await ScanAsync("--policy", warnOnly, "--fail-on", "high", "--quiet");

        Assert.Equal(1, fail.ExitCode);
        Assert.Equal(0, warn.ExitCode);
        Assert.Contains("3 policy violations: 0 fail, 1 warn, 2 info", warn.Out);
        Assert.Equal(1, warnWithFailOn.ExitCode);
    }

    [Fact]
    public async Task A_YAML_file_and_a_JSON_file_with_the_same_policies_give_the_same_report()
    {
        var json = await ScanAsync("--policy", File("policies.json"), "-f", "json", "--quiet");
        var yaml = await ScanAsync("--policy", File("policies.yaml"), "-f", "json", "--quiet");

        Assert.Equal(1, yaml.ExitCode);
        Assert.Equal(5, JsonNode.Parse(yaml.Out)!["violations"]!.AsArray().Count);
        Assert.Equal(json.Out, yaml.Out);
    }

    [Fact]
    public async Task Several_policy_files_add_up_and_no_violation_still_shows_the_section()
    {
        var none = Write("none.json", """[{"name": "No MPL", "violationState": "FAIL", "conditions": [{"subject": "LICENSE", "operator": "IS", "value": "MPL-2.0"}]}]""");

        var both = await ScanAsync("--policy", none, "--policy", File("policies.yaml"), "-f", "json", "--quiet");
        var clean = await ScanAsync("--policy", none);

        Assert.Equal(5, JsonNode.Parse(both.Out)!["violations"]!.AsArray().Count);
        Assert.Equal(0, clean.ExitCode);
        Assert.EndsWith("0 policy violations: 0 fail, 0 warn, 0 info", clean.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"name": "P", "violationState": "FAIL", "conditions": [{"subject": "SEVERITY", "operator": "MATCHES", "value": "HIGH"}]}]""",
        "policy 'P' (policies[0]).conditions[0].operator: MATCHES does not apply to SEVERITY")]
    [InlineData("""[{"name": "P", "conditions": [{"subject": "SEVERITY", "operator": "IS", "value": "SEVERE"}]}]""",
        "policy 'P' (policies[0]).conditions[0].value:")]
    [InlineData("""[{"name": "P", "conditions": [{"subject": "COLOUR", "operator": "IS", "value": "red"}]}]""",
        "policy 'P' (policies[0]).conditions[0].subject: 'COLOUR' is not one of SEVERITY")]
    [InlineData("- name: P\n  violationState: FATAL\n  conditions: [{subject: SEVERITY, operator: IS, value: HIGH}]",
        "policy 'P' (policies[0]).violationState: 'FATAL' is not INFO, WARN or FAIL")]
    [InlineData("- name: P\n  operator: SOME\n  conditions: [{subject: SEVERITY, operator: IS, value: HIGH}]",
        "policy 'P' (policies[0]).operator: 'SOME' is not ANY or ALL")]
    [InlineData("- name: P\n  conditions: []", "policy 'P' (policies[0]).conditions: expected a list of at least one condition")]
    [InlineData("- violationState: FAIL", "policies[0].name: a policy needs a name")]
    [InlineData("""{"name": "P"}""", "expected a list of policies")]
    [InlineData("[{\"name\": ", "not JSON")]
    [InlineData("- name: [P\n", "not YAML: line")]
    public async Task A_bad_policy_file_exits_2_naming_the_file_the_policy_and_the_field(string content, string expected)
    {
        var file = Write("bad-policy.txt", content);

        var run = await ScanAsync("--policy", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"depwatch: {file} is not a valid policy file: {expected}", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task A_missing_policy_file_exits_2()
    {
        var run = await ScanAsync("--policy", Path.Combine(_work.Path, "nope.yaml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read policy file", run.Error);
    }

    public void Dispose() => _work.Dispose();

    private static string File(string name) => RepositoryRoot.PathOf("tests", "Depwatch.Cli.Tests", "Policies", name);

    private Task<CliRun> ScanAsync(params string[] options) => cli.RunAsync(
        ["scan", File("app.cdx.json"), "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", trivy.Token, .. options]);

    private string Write(string name, string content)
    {
        var file = Path.Combine(_work.Path, name);
        System.IO.File.WriteAllText(file, content);
        return file;
    }
}
