using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Triage;

/// <summary>
/// Decisions leave Depwatch as VEX that other tools apply: Trivy's own client, given Depwatch's OpenVEX for a
/// project, leaves out exactly the findings Depwatch marked not affected; the CycloneDX VEX names each component by
/// the bom-ref of the uploaded BOM.
/// </summary>
public abstract class VexExportTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    // A purl as one bom-ref, as syft and cdxgen write them, and a plain name as the other.
    private const string Sbom = """
        {"bomFormat":"CycloneDX","specVersion":"1.5","serialNumber":"urn:uuid:5a1e0a4c-8f0e-4c8e-9d3a-0b6f1e2d3c4b","version":3,
         "components":[
          {"type":"library","bom-ref":"pkg:npm/lodash@4.17.4","name":"lodash","version":"4.17.4","purl":"pkg:npm/lodash@4.17.4"},
          {"type":"library","bom-ref":"minimist-1","name":"minimist","version":"1.2.5","purl":"pkg:npm/minimist@1.2.5"}]}
        """;

    [Theory]
    [InlineData("openvex")]
    [InlineData("cyclonedx")]
    public async Task Trivy_given_Depwatch_s_VEX_leaves_out_exactly_the_findings_marked_not_affected(string format)
    {
        using var work = new TemporaryDirectory("depwatch-vex-");
        var sbomFile = Path.Combine(work.Path, "bom.json");
        await File.WriteAllTextAsync(sbomFile, Sbom);
        var project = (string)(await _client.UploadAndWaitAsync("app", "1", Sbom))["uuid"]!;
        var findings = await _client.FindingsAsync(project);
        await DecideAsync(project, findings, "GHSA-r4q8-vxc6-wjf5", new() { ["analysisState"] = "NOT_AFFECTED", ["analysisJustification"] = "CODE_NOT_REACHABLE" });
        await DecideAsync(project, findings, "CVE-2025-90104", new() { ["analysisState"] = "FALSE_POSITIVE", ["isSuppressed"] = true });
        await DecideAsync(project, findings, "CVE-2025-90101", new() { ["analysisState"] = "EXPLOITABLE" });

        using var vex = await _client.Http.GetAsync($"/api/v1/vex/{format}/project/{project}");
        Assert.Equal(HttpStatusCode.OK, vex.StatusCode);
        var vexFile = Path.Combine(work.Path, $"depwatch.{format}.json");
        await File.WriteAllTextAsync(vexFile, await vex.Content.ReadAsStringAsync());
        var without = await TrivyCli.ScanSbomOfflineAsync(sbomFile);
        var with = await TrivyCli.ScanSbomOfflineAsync(sbomFile, "--vex", vexFile);

        Assert.True(with.ExitCode == 0, $"trivy exited {with.ExitCode}: {with.StandardError}");
        Assert.Equal(["CVE-2025-90101", "CVE-2025-90104", "GHSA-r4q8-vxc6-wjf5"], VulnerabilityIds(without.StandardOutput).Order(StringComparer.Ordinal));
        Assert.Equal(["CVE-2025-90101"], VulnerabilityIds(with.StandardOutput));
    }

    [Fact]
    public async Task The_CycloneDX_VEX_carries_every_finding_with_its_decision_and_links_into_the_project_s_BOM()
    {
        var project = (string)(await _client.UploadAndWaitAsync("app", "1", Sbom))["uuid"]!;
        var findings = await _client.FindingsAsync(project);
        await DecideAsync(project, findings, "GHSA-r4q8-vxc6-wjf5", new()
        {
            ["analysisState"] = "NOT_AFFECTED", ["analysisJustification"] = "CODE_NOT_REACHABLE", ["analysisResponse"] = "WILL_NOT_FIX",
            ["analysisDetails"] = "never called", ["isSuppressed"] = true,
        });

        using var response = await _client.Http.GetAsync($"/api/v1/vex/cyclonedx/project/{project}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var vex = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("CycloneDX", (string?)vex["bomFormat"]);
        Assert.Equal("1.5", (string?)vex["specVersion"]);
        var entries = vex["vulnerabilities"]!.AsArray();
        Assert.Equal(["CVE-2025-90101", "CVE-2025-90104", "GHSA-r4q8-vxc6-wjf5"], entries.Select(v => (string)v!["id"]!).Order(StringComparer.Ordinal));
        var decided = entries.Single(v => (string?)v!["id"] == "GHSA-r4q8-vxc6-wjf5")!;
        Assert.Equal("not_affected", (string?)decided["analysis"]!["state"]);
        Assert.Equal("code_not_reachable", (string?)decided["analysis"]!["justification"]);
        Assert.Equal(["will_not_fix"], decided["analysis"]!["response"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("never called", (string?)decided["analysis"]!["detail"]);
        Assert.Equal("urn:cdx:5a1e0a4c-8f0e-4c8e-9d3a-0b6f1e2d3c4b/3#pkg%3Anpm%2Flodash%404.17.4", (string?)decided["affects"]![0]!["ref"]);
        Assert.Equal("urn:cdx:5a1e0a4c-8f0e-4c8e-9d3a-0b6f1e2d3c4b/3#minimist-1",
            (string?)entries.Single(v => (string?)v!["id"] == "CVE-2025-90104")!["affects"]![0]!["ref"]);
    }

    [Fact]
    public async Task An_unknown_project_is_404()
    {
        var response = await _client.Http.GetAsync($"/api/v1/vex/openvex/project/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The project could not be found.", await response.Content.ReadAsStringAsync());
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task DecideAsync(string project, JsonArray findings, string vulnId, JsonObject decision)
    {
        var finding = findings.Single(f => (string?)f!["vulnerability"]!["vulnId"] == vulnId)!;
        decision["project"] = project;
        decision["component"] = (string)finding["component"]!["uuid"]!;
        decision["vulnerability"] = (string)finding["vulnerability"]!["uuid"]!;
        var response = await _client.Http.PutAsJsonAsync("/api/v1/analysis", decision);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static HashSet<string> VulnerabilityIds(string trivyReport) =>
        [.. (JsonNode.Parse(trivyReport)!["Results"]?.AsArray() ?? [])
            .SelectMany(r => r!["Vulnerabilities"]?.AsArray() ?? [])
            .Select(v => (string)v!["VulnerabilityID"]!)];
}

[Collection(TrivyCollection.Name)]
public sealed class VexExportOnSqlite(TrivyServerFixture trivy) : VexExportTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class VexExportOnPostgres(TrivyServerFixture trivy) : VexExportTests(StorageKind.Postgres, trivy);
