using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Triage;

/// <summary>
/// A CycloneDX VEX imported on Dependency-Track's paths: each statement recorded on the findings it names, in the
/// audit trail as coming from that VEX; a report of what matched and what did not; a bad VEX refused whole.
/// </summary>
public abstract class VexImportTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private const string Jackson = "CVE-2025-90301";
    private const string Log4j = "CVE-2025-90302";
    private const int MaxRequestBytes = 64 * 1024;

    private static readonly string s_sbom = File.ReadAllText(RepositoryRoot.PathOf("testdata", "vex", "app.cdx.json"));

    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Theory]
    [InlineData("spec-example.vex.json", "PUT")]
    [InlineData("spec-example.vex.xml", "POST")]
    public async Task The_specification_style_VEX_decides_the_findings_it_names_and_reports_the_rest(string file, string method)
    {
        var project = await UploadAsync("acme-app", "2.4.0");
        var (_, key) = await TeamKeys.CreateAsync(_app, "VULNERABILITY_ANALYSIS", "VIEW_VULNERABILITY");
        using var analyst = _app.CreateClient(key);
        var vex = await File.ReadAllBytesAsync(RepositoryRoot.PathOf("testdata", "vex", file));

        using var response = method == "PUT"
            ? await analyst.PutAsJsonAsync("/api/v1/vex", new { projectName = "acme-app", projectVersion = "2.4.0", vex = Convert.ToBase64String(vex) })
            : await analyst.PostAsync("/api/v1/vex", Form(project, vex));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(Guid.TryParse((string?)report["token"], out _));
        Assert.Equal("CycloneDX VEX urn:uuid:81b1cb4a-7a3c-4c8f-9c3e-2d1b0f6a7e55, version 1", (string?)report["document"]);
        Assert.Equal(3, (int)report["statements"]!);
        var applied = report["applied"]!.AsArray();
        Assert.Equal([(Jackson, "BOM_REF", "jackson-databind", "NOT_AFFECTED", true), (Log4j, "PURL", "log4j-core", "EXPLOITABLE", false)],
            applied.Select(a => ((string)a!["vulnerability"]!, (string)a["matchedBy"]!, (string)a["component"]!["name"]!, (string)a["analysisState"]!,
                (bool)a["isSuppressed"]!)).OrderBy(a => a.Item1, StringComparer.Ordinal));
        var unmatched = Assert.Single(report["unmatched"]!.AsArray())!;
        Assert.Equal("CVE-2099-0001", (string?)unmatched["vulnerability"]);
        Assert.Contains("no open finding", (string?)unmatched["reason"], StringComparison.Ordinal);

        var jackson = await AnalysisAsync(project, Jackson);
        Assert.Equal(("NOT_AFFECTED", "CODE_NOT_REACHABLE", "UPDATE", true),
            ((string)jackson["analysisState"]!, (string)jackson["analysisJustification"]!, (string)jackson["analysisResponse"]!, (bool)jackson["isSuppressed"]!));
        Assert.StartsWith("Automated dataflow analysis", (string?)jackson["analysisDetails"], StringComparison.Ordinal);
        var trail = jackson["analysisComments"]!.AsArray();
        Assert.Contains("Imported from CycloneDX VEX urn:uuid:81b1cb4a-7a3c-4c8f-9c3e-2d1b0f6a7e55, version 1", trail.Select(c => (string?)c!["comment"]));
        Assert.Contains("Analysis: NOT_SET → NOT_AFFECTED", trail.Select(c => (string?)c!["comment"]));
        var team = await analyst.GetFromJsonAsync<JsonObject>("/api/v1/team/self");
        Assert.All(trail, c => Assert.Equal((string)team!["name"]!, (string?)c!["commenter"]));
        Assert.Equal([Log4j], (await _client.FindingsAsync(project)).Select(f => (string)f!["vulnerability"]!["vulnId"]!));
    }

    [Fact]
    public async Task Depwatch_s_own_CycloneDX_VEX_carries_one_project_s_decisions_to_another()
    {
        var source = await UploadAsync("acme-app", "2.4.0");
        await DecideAsync(source, Jackson, new() { ["analysisState"] = "NOT_AFFECTED", ["analysisJustification"] = "PROTECTED_BY_MITIGATING_CONTROL",
            ["analysisResponse"] = "WORKAROUND_AVAILABLE", ["analysisDetails"] = "input size is capped", ["isSuppressed"] = true });
        await DecideAsync(source, Log4j, new() { ["analysisState"] = "FALSE_POSITIVE" });
        var target = await UploadAsync("acme-app-fork", "1.0");
        var exported = await _client.Http.GetByteArrayAsync($"/api/v1/vex/cyclonedx/project/{source}");

        using var response = await _client.Http.PutAsJsonAsync("/api/v1/vex", new { project = target, vex = Convert.ToBase64String(exported) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Empty(report["unmatched"]!.AsArray());
        foreach (var vulnId in new[] { Jackson, Log4j })
        {
            var (from, to) = (await AnalysisAsync(source, vulnId), await AnalysisAsync(target, vulnId));
            Assert.Equal(
                ((string?)from["analysisState"], (string?)from["analysisJustification"], (string?)from["analysisResponse"], (string?)from["analysisDetails"]),
                ((string?)to["analysisState"], (string?)to["analysisJustification"], (string?)to["analysisResponse"], (string?)to["analysisDetails"]));
        }
        // Dependency-Track suppresses what a VEX says is not affected, a false positive, or resolved.
        Assert.True((bool)(await AnalysisAsync(target, Log4j))["isSuppressed"]!);
        Assert.Empty(await _client.FindingsAsync(target));
    }

    [Fact]
    public async Task Importing_needs_a_key_and_VULNERABILITY_ANALYSIS()
    {
        var project = await UploadAsync("acme-app", "2.4.0");
        var (_, viewer) = await TeamKeys.CreateAsync(_app, "VIEW_VULNERABILITY", "BOM_UPLOAD");
        using var anonymous = _app.CreateClient(apiKey: null);
        using var viewerClient = _app.CreateClient(viewer);
        var body = new { project, vex = Convert.ToBase64String(Encoding.UTF8.GetBytes(SpecExample())) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/vex", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerClient.PutAsJsonAsync("/api/v1/vex", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerClient.PostAsync("/api/v1/vex", Form(project, Encoding.UTF8.GetBytes(SpecExample())))).StatusCode);
        Assert.Equal(2, (await _client.FindingsAsync(project)).Count);
    }

    [Theory]
    [InlineData("hello", "not a VEX document")]
    [InlineData("""{"bomFormat":"SPDX","specVersion":"1.5"}""", "$.bomFormat")]
    [InlineData("""{"@context":"https://openvex.dev/ns/v0.2.0","statements":[]}""", "an OpenVEX document")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">&x;</bom>", "DTDs are not allowed")]
    [InlineData("state:maybe", "$.vulnerabilities[1].analysis.state")]
    [InlineData("justification:because", "$.vulnerabilities[2].analysis.justification")]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"id":"CVE-1",}]}""", "malformed JSON")]
    public async Task A_malformed_VEX_is_400_naming_the_problem_and_where_and_changes_nothing(string document, string expected)
    {
        var project = await UploadAsync("acme-app", "2.4.0");
        var vex = document.Split(':', 2) is [var field and ("state" or "justification"), var value] ? SpecExample().Replace(
            field == "state" ? "\"state\": \"exploitable\"" : "\"state\": \"not_affected\", \"justification\": \"code_not_present\"",
            field == "state" ? $"\"state\": \"{value}\"" : $"\"state\": \"not_affected\", \"justification\": \"{value}\"", StringComparison.Ordinal) : document;

        using var response = await _client.Http.PutAsJsonAsync("/api/v1/vex", new { project, vex = Convert.ToBase64String(Encoding.UTF8.GetBytes(vex)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("The uploaded VEX is invalid", (string?)problem["title"]);
        Assert.Contains(expected, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", (string?)problem["detail"], StringComparison.Ordinal);
        await AssertUndecidedAsync(project);
    }

    [Theory]
    [InlineData("""{"project":"PROJECT","vex":"not base64!"}""", "not valid Base64")]
    [InlineData("""{"project":"PROJECT"}""", "vex field is missing")]
    [InlineData("""{"vex":"e30="}""", "Name the target project")]
    public async Task A_bad_request_is_400_naming_the_field(string body, string expected)
    {
        var project = await UploadAsync("acme-app", "2.4.0");

        using var response = await _client.Http.PutAsync("/api/v1/vex",
            new StringContent(body.Replace("PROJECT", project, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
        await AssertUndecidedAsync(project);
    }

    [Fact]
    public async Task A_VEX_over_the_size_limit_is_413_on_both_endpoints_and_changes_nothing()
    {
        var project = await UploadAsync("acme-app", "2.4.0");
        var large = Encoding.UTF8.GetBytes(SpecExample().Replace("Message lookups are enabled", new string('x', MaxRequestBytes), StringComparison.Ordinal));

        using var put = await _client.Http.PutAsJsonAsync("/api/v1/vex", new { project, vex = Convert.ToBase64String(large) });
        using var post = await _client.Http.PostAsync("/api/v1/vex", Form(project, large));

        foreach (var response in new[] { put, post })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("Depwatch:MaxRequestBytes", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
        }
        await AssertUndecidedAsync(project);
    }

    [Fact]
    public async Task An_unknown_project_is_404()
    {
        using var byUuid = await _client.Http.PutAsJsonAsync("/api/v1/vex",
            new { project = Guid.NewGuid(), vex = Convert.ToBase64String(Encoding.UTF8.GetBytes(SpecExample())) });
        using var byName = await _client.Http.PostAsync("/api/v1/vex", NamedForm("nobody", "1", Encoding.UTF8.GetBytes(SpecExample())));

        Assert.Equal((HttpStatusCode.NotFound, "The project could not be found."), (byUuid.StatusCode, await byUuid.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, byName.StatusCode);
    }

    [Fact]
    public async Task Refs_that_match_nothing_are_reported_and_change_nothing()
    {
        var project = await UploadAsync("acme-app", "2.4.0");
        var vex = SpecExample()
            .Replace("urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar", "no-such-ref", StringComparison.Ordinal)
            .Replace("\"ref\": \"log4j\"", "\"ref\": \"pkg:npm/log4j@2.14.1\"", StringComparison.Ordinal);

        using var response = await _client.Http.PutAsJsonAsync("/api/v1/vex", new { project, vex = Convert.ToBase64String(Encoding.UTF8.GetBytes(vex)) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Empty(report["applied"]!.AsArray());
        Assert.Equal([("CVE-2025-90301", "no-such-ref", "$.vulnerabilities[0]"), ("CVE-2025-90302", "pkg:npm/log4j@2.14.1", "$.vulnerabilities[1]"),
            ("CVE-2099-0001", null, "$.vulnerabilities[2]")],
            report["unmatched"]!.AsArray().Select(u => ((string)u!["vulnerability"]!, (string?)u["ref"], (string)u["location"]!)));
        await AssertUndecidedAsync(project);
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server,
            new Dictionary<string, string?> { ["Depwatch:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string SpecExample() => File.ReadAllText(RepositoryRoot.PathOf("testdata", "vex", "spec-example.vex.json"));

    private async Task<string> UploadAsync(string name, string version)
    {
        var project = (string)(await _client.UploadAndWaitAsync(name, version, s_sbom))["uuid"]!;
        Assert.Equal([Jackson, Log4j], (await _client.FindingsAsync(project)).Select(f => (string)f!["vulnerability"]!["vulnId"]!).Order(StringComparer.Ordinal));
        return project;
    }

    private async Task AssertUndecidedAsync(string project)
    {
        foreach (var finding in await _client.FindingsAsync(project))
        {
            var read = await _client.Http.GetAsync(
                $"/api/v1/analysis?project={project}&component={finding!["component"]!["uuid"]}&vulnerability={finding["vulnerability"]!["uuid"]}");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }
    }

    private async Task<JsonObject> AnalysisAsync(string project, string vulnId)
    {
        var finding = (await _client.Http.GetFromJsonAsync<JsonArray>($"/api/v1/finding/project/{project}?suppressed=true"))!
            .Single(f => (string?)f!["vulnerability"]!["vulnId"] == vulnId)!;
        return (await _client.Http.GetFromJsonAsync<JsonObject>(
            $"/api/v1/analysis?project={project}&component={finding["component"]!["uuid"]}&vulnerability={finding["vulnerability"]!["uuid"]}"))!;
    }

    private async Task DecideAsync(string project, string vulnId, JsonObject decision)
    {
        var finding = (await _client.FindingsAsync(project)).Single(f => (string?)f!["vulnerability"]!["vulnId"] == vulnId)!;
        decision["project"] = project;
        decision["component"] = (string)finding["component"]!["uuid"]!;
        decision["vulnerability"] = (string)finding["vulnerability"]!["uuid"]!;
        var response = await _client.Http.PutAsJsonAsync("/api/v1/analysis", decision);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static MultipartFormDataContent Form(string project, byte[] vex) => new()
    {
        { new StringContent(project), "project" },
        { new ByteArrayContent(vex), "vex", "vex.cdx" },
    };

    private static MultipartFormDataContent NamedForm(string name, string version, byte[] vex) => new()
    {
        { new StringContent(name), "projectName" },
        { new StringContent(version), "projectVersion" },
        { new ByteArrayContent(vex), "vex", "vex.cdx.json" },
    };
}

[Collection(TrivyCollection.Name)]
public sealed class VexImportOnSqlite(TrivyServerFixture trivy) : VexImportTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class VexImportOnPostgres(TrivyServerFixture trivy) : VexImportTests(StorageKind.Postgres, trivy);
