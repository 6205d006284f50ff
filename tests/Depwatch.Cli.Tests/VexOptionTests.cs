using System.Text.Json.Nodes;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

/// <summary>
/// <c>depwatch scan --vex</c> against the real Trivy server: what CycloneDX VEX and OpenVEX statements say is not
/// affected, a false positive or resolved (fixed) leaves the report, is counted in its summary, and no longer fails
/// the build; <c>--show-suppressed</c> lists it, marked.
/// </summary>
public abstract class VexOptionTests(TrivyServerFixture trivy, CliRunner cli) : IDisposable
{
    // testdata/vex/app.cdx.json: jackson-databind 2.10.0 (CVE-2025-90301, high) and log4j-core 2.14.1 (CVE-2025-90302, critical).
    private const string Jackson = "CVE-2025-90301";
    private const string Log4j = "CVE-2025-90302";

    private readonly TemporaryDirectory _work = new("depwatch-cli-vex-");

    [Theory]
    [InlineData("spec-example.vex.json")]
    [InlineData("spec-example.vex.xml")]
    [InlineData("spec-example.openvex.json")]
    public async Task A_not_affected_statement_leaves_its_finding_out_and_the_summary_counts_it(string vexFile)
    {
        var json = await ScanAsync("--vex", Vex(vexFile), "--format", "json");
        var table = await ScanAsync("--vex", Vex(vexFile));

        Assert.Equal(0, json.ExitCode);
        Assert.Equal([Log4j], VulnIds(json.Out));
        Assert.Contains("1 of 2 findings suppressed by VEX (--show-suppressed lists them)", json.Error);
        Assert.Contains("2 components, 2 analyzed, 1 finding: 1 critical, 0 high", table.Out);
        Assert.Contains("1 finding suppressed by VEX (not_affected: 1); --show-suppressed lists them", table.Out);
        Assert.DoesNotContain(Jackson, table.Out);
    }

    [Fact]
    public async Task Show_suppressed_lists_them_marked_in_every_format()
    {
        var vex = Vex("spec-example.vex.json");

        var table = await ScanAsync("--vex", vex, "--show-suppressed");
        var json = await ScanAsync("--vex", vex, "--show-suppressed", "-f", "json");
        var sarif = await ScanAsync("--vex", vex, "--show-suppressed", "-f", "sarif");

        var jacksonRow = table.Out.Split('\n').Single(line => line.Contains(Jackson, StringComparison.Ordinal));
        Assert.EndsWith("not_affected", jacksonRow.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("1 finding suppressed by VEX (not_affected: 1), listed and marked above", table.Out);
        var findings = JsonNode.Parse(json.Out)!.AsArray();
        Assert.Equal([Log4j, Jackson], findings.Select(f => (string)f!["vulnerability"]!["vulnId"]!));
        Assert.Equal(("NOT_AFFECTED", true), ((string)findings[1]!["analysis"]!["state"]!, (bool)findings[1]!["analysis"]!["isSuppressed"]!));
        Assert.False((bool)findings[0]!["analysis"]!["isSuppressed"]!);
        var results = JsonNode.Parse(sarif.Out)!["runs"]![0]!["results"]!.AsArray();
        var suppression = results.Single(r => (string?)r!["ruleId"] == Jackson)!["suppressions"]![0]!;
        Assert.Equal(("external", "accepted"), ((string)suppression["kind"]!, (string)suppression["status"]!));
        Assert.StartsWith("VEX: not_affected (code_not_reachable)", (string?)suppression["justification"], StringComparison.Ordinal);
        Assert.Null(results.Single(r => (string?)r!["ruleId"] == Log4j)!["suppressions"]);
    }

    [Fact]
    public async Task Fail_on_ignores_suppressed_findings_and_several_VEX_files_add_up()
    {
        var fixedLog4j = Write("""
            {"@context":"https://openvex.dev/ns","@id":"https://acme.example/vex/2","author":"Acme","timestamp":"2026-11-03T00:00:00Z","version":"1",
             "statements":[{"vulnerability":"CVE-2025-90302","products":["pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"],"status":"fixed"}]}
            """);

        var without = await ScanAsync("--fail-on", "high", "--quiet");
        var onlyLog4j = await ScanAsync("--vex", fixedLog4j, "--fail-on", "critical", "--quiet");
        var both = await ScanAsync("--vex", Vex("spec-example.vex.json"), "--vex", fixedLog4j, "--fail-on", "low");

        Assert.Equal(1, without.ExitCode);
        Assert.Equal(0, onlyLog4j.ExitCode);
        Assert.Equal(0, both.ExitCode);
        Assert.Contains("No vulnerabilities found.", both.Out);
        Assert.Contains("2 findings suppressed by VEX (not_affected: 1, resolved: 1)", both.Out);
    }

    [Fact]
    public async Task A_statement_about_the_product_with_a_subcomponent_suppresses_that_component_only()
    {
        var vex = Write("""
            {"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://acme.example/vex/3","author":"Acme","timestamp":"2026-11-03T00:00:00Z","version":1,
             "statements":[
               {"vulnerability":{"name":"CVE-2025-90302"},"products":[{"@id":"pkg:maven/com.acme/acme-app@2.4.0",
                 "subcomponents":[{"@id":"pkg:maven/org.apache.logging.log4j/log4j-core"}]}],
                "status":"not_affected","justification":"vulnerable_code_not_in_execute_path"},
               {"vulnerability":{"name":"CVE-2025-90301"},"products":[{"@id":"pkg:maven/com.acme/acme-app@2.4.0",
                 "subcomponents":[{"@id":"pkg:maven/org.yaml/snakeyaml"}]}],"status":"not_affected","justification":"component_not_present"}]}
            """);

        var run = await ScanAsync("--vex", vex, "-f", "json");

        Assert.Equal([Jackson], VulnIds(run.Out));
    }

    [Fact]
    public async Task A_BOM_Link_into_another_SBOM_suppresses_nothing()
    {
        var vex = Write(File.ReadAllText(Vex("spec-example.vex.json"))
            .Replace("urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#", "urn:cdx:00000000-395b-41f5-a30f-a58921a69b79/1#", StringComparison.Ordinal));

        var run = await ScanAsync("--vex", vex, "-f", "json");

        Assert.Equal([Log4j, Jackson], VulnIds(run.Out));
    }

    [Theory]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"id":"CVE-1","analysis":{"state":"maybe"},"affects":[{"ref":"x"}]}]}""",
        "$.vulnerabilities[0].analysis.state")]
    [InlineData("""{"@context":"https://openvex.dev/ns","statements":[{"vulnerability":"CVE-1","products":["pkg:npm/a"],"status":"gone"}]}""",
        "$.statements[0].status")]
    [InlineData("""{"spdxVersion":"SPDX-2.3"}""", "bomFormat is missing")]
    [InlineData("not json", "not a VEX document")]
    public async Task A_bad_VEX_file_exits_2_naming_the_file_and_the_problem(string content, string expected)
    {
        var file = Write(content);

        var run = await ScanAsync("--vex", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file} is not a valid VEX document", run.Error);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task A_missing_VEX_file_exits_2()
    {
        var run = await ScanAsync("--vex", Path.Combine(_work.Path, "nope.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read VEX file", run.Error);
    }

    public void Dispose() => _work.Dispose();

    private static string Vex(string name) => RepositoryRoot.PathOf("testdata", "vex", name);

    private Task<CliRun> ScanAsync(params string[] options) => cli.RunAsync(
        ["scan", Vex("app.cdx.json"), "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", trivy.Token, .. options]);

    private string Write(string content)
    {
        var file = Path.Combine(_work.Path, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, content);
        return file;
    }

    private static List<string> VulnIds(string json) =>
        [.. JsonNode.Parse(json)!.AsArray().Select(f => (string)f!["vulnerability"]!["vulnId"]!)];
}
