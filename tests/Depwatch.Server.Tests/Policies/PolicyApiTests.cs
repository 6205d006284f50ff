using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Depwatch.Core.Components;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Tests.Teams;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests.Policies;

/// <summary>
/// Policies on Dependency-Track's API, over findings from the real Trivy server: violations appear after analysis and
/// after policy changes, in Dependency-Track's shape, resolve when they no longer hold, and follow assignments.
/// </summary>
public abstract class PolicyApiTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _portfolio = null!;
    private PolicyClient _policies = null!;

    // lodash 4.17.4: GHSA-r4q8-vxc6-wjf5 (CRITICAL, CWE-1321 and 20) and CVE-2025-90101 (HIGH); minimist 1.2.5: CVE-2025-90104 (CRITICAL).
    private Task<JsonObject> UploadNpmAsync(string name = "app") =>
        _portfolio.UploadAndWaitAsync(name, "1", TestBoms.Npm(("lodash", "4.17.4"), ("minimist", "1.2.5")));

    [Fact]
    public async Task A_severity_policy_gives_security_violations_in_dependency_tracks_shape()
    {
        var project = (string)(await UploadNpmAsync())["uuid"]!;

        var policy = await _policies.CreateAsync("no criticals", "FAIL", "ANY", ("SEVERITY", "IS", "CRITICAL"));

        var violations = await _policies.ViolationsAsync(project);
        Assert.Equal(["lodash SECURITY SEVERITY", "minimist SECURITY SEVERITY"], PolicyClient.Summaries(violations));
        var violation = violations.Single(v => (string?)v!["component"]!["name"] == "lodash")!;
        Assert.Equal("SECURITY", (string?)violation["type"]);
        Assert.NotNull((string?)violation["uuid"]);
        Assert.True((long)violation["timestamp"]! > 0);
        Assert.Equal("lodash", (string?)violation["component"]!["name"]);
        Assert.Equal(project, (string?)violation["project"]!["uuid"]);
        var condition = violation["policyCondition"]!;
        Assert.Equal(("SEVERITY", "IS", "CRITICAL"), ((string?)condition["subject"], (string?)condition["operator"], (string?)condition["value"]));
        Assert.Equal(("no criticals", "FAIL", policy), ((string?)condition["policy"]!["name"], (string?)condition["policy"]!["violationState"], (string?)condition["policy"]!["uuid"]));
        Assert.Equal("NOT_SET", (string?)violation["analysis"]!["analysisState"]);
        Assert.False((bool)violation["analysis"]!["isSuppressed"]!);
    }

    [Fact]
    public async Task All_needs_every_condition_and_any_reports_each_one()
    {
        var project = (string)(await UploadNpmAsync())["uuid"]!;

        await _policies.CreateAsync("cwe and name", "WARN", "ALL",
            ("CWE", "CONTAINS_ALL", "CWE-1321, CWE-20"), ("COORDINATES", "MATCHES", """{"name":"lodash","version":"<4.17.21"}"""));
        await _policies.CreateAsync("old minimist", "INFO", "ALL",
            ("COORDINATES", "MATCHES", """{"name":"minimist","version":">=1.2.6"}"""), ("SEVERITY", "IS", "HIGH"));
        await _policies.CreateAsync("npm", "INFO", "ANY", ("PACKAGE_URL", "MATCHES", "pkg:npm/minimist@*"), ("VULNERABILITY_ID", "IS", "CVE-2099-0001"));

        Assert.Equal(["lodash OPERATIONAL COORDINATES", "lodash SECURITY CWE", "minimist OPERATIONAL PACKAGE_URL"],
            PolicyClient.Summaries(await _policies.ViolationsAsync(project)));
    }

    [Fact]
    public async Task License_and_hash_conditions_judge_the_uploaded_bom_and_resolved_violations_stay_in_history()
    {
        await _policies.CreateAsync("copyleft", "FAIL", "ANY", ("LICENSE_GROUP", "IS", "Copyleft"));
        await _policies.CreateAsync("known bad jar", "WARN", "ANY", ("COMPONENT_HASH", "IS", """{"algorithm":"SHA-256","value":"ABCDEF01"}"""));
        var gpl = Bom(ComponentLicense.ForExpression("MIT AND GPL-3.0-only"));

        var project = (string)(await _portfolio.UploadAndWaitAsync("licensed", "1", gpl))["uuid"]!;
        var first = await _policies.ViolationsAsync(project);
        Assert.Equal(["acme-lib LICENSE LICENSE_GROUP", "acme-lib OPERATIONAL COMPONENT_HASH"], PolicyClient.Summaries(first));
        var metrics = await _portfolio.MetricsAsync(project);
        Assert.Equal((1, 1, 0, 2, 0, 2), ((int)metrics["policyViolationsFail"]!, (int)metrics["policyViolationsWarn"]!, (int)metrics["policyViolationsInfo"]!,
            (int)metrics["policyViolationsTotal"]!, (int)metrics["policyViolationsAudited"]!, (int)metrics["policyViolationsUnaudited"]!));
        Assert.Equal((1, 0, 1), ((int)metrics["policyViolationsLicenseTotal"]!, (int)metrics["policyViolationsSecurityTotal"]!,
            (int)metrics["policyViolationsOperationalTotal"]!));
        var today = (await _portfolio.Http.GetFromJsonAsync<JsonArray>($"/api/v1/metrics/project/{project}/days/1"))!.Last()!;
        Assert.Equal(1, (int)today["policyViolationsFail"]!);
        var portfolio = await _portfolio.Http.GetFromJsonAsync<JsonObject>("/api/v1/metrics/portfolio/current");
        Assert.Equal(2, (int)portfolio!["policyViolationsTotal"]!);

        await _portfolio.UploadAndWaitAsync("licensed", "1", Bom(ComponentLicense.ForId("MIT")));
        Assert.Equal(["acme-lib OPERATIONAL COMPONENT_HASH"], PolicyClient.Summaries(await _policies.ViolationsAsync(project)));

        await _portfolio.UploadAndWaitAsync("licensed", "1", gpl);
        var again = (await _policies.ViolationsAsync(project)).Single(v => (string?)v!["type"] == "LICENSE")!;
        var firstLicense = first.Single(v => (string?)v!["type"] == "LICENSE")!;
        Assert.NotEqual((string?)firstLicense["uuid"], (string?)again["uuid"]);
        await using var db = JobDatabase.Open(_app);
        var resolved = await db.PolicyViolations.SingleAsync(v => v.Id == Guid.Parse((string)firstLicense["uuid"]!));
        Assert.NotNull(resolved.ResolvedOn);
    }

    [Fact]
    public async Task A_policy_follows_its_projects_tags_and_children()
    {
        var assigned = (string)(await UploadNpmAsync("assigned"))["uuid"]!;
        var child = (string)(await UploadNpmAsync("child"))["uuid"]!;
        var tagged = (string)(await UploadNpmAsync("tagged"))["uuid"]!;
        var other = (string)(await UploadNpmAsync("other"))["uuid"]!;
        await PatchAsync(child, new JsonObject { ["parent"] = new JsonObject { ["uuid"] = assigned } });
        await PatchAsync(tagged, new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["name"] = "payments" }) });
        var policy = await _policies.CreateAsync("lodash", "WARN", "ANY", ("PACKAGE_URL", "MATCHES", "pkg:npm/lodash@*"));

        Assert.Equal(HttpStatusCode.OK, (await _portfolio.Http.PostAsync($"/api/v1/policy/{policy}/project/{assigned}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await _portfolio.Http.PostAsync($"/api/v1/policy/{policy}/project/{assigned}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _portfolio.Http.PostAsync($"/api/v1/policy/{policy}/tag/payments", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _portfolio.Http.PostAsync($"/api/v1/policy/{policy}/tag/nosuchtag", null)).StatusCode);

        Assert.Single(await _policies.ViolationsAsync(assigned));
        Assert.Single(await _policies.ViolationsAsync(tagged));
        Assert.Empty(await _policies.ViolationsAsync(child));
        Assert.Empty(await _policies.ViolationsAsync(other));

        var update = await _portfolio.Http.PostAsJsonAsync("/api/v1/policy", new { uuid = policy, name = "lodash", includeChildren = true });
        Assert.True((bool)(await update.Content.ReadFromJsonAsync<JsonObject>())!["includeChildren"]!);
        Assert.Single(await _policies.ViolationsAsync(child));

        Assert.Equal(HttpStatusCode.OK, (await _portfolio.Http.DeleteAsync($"/api/v1/policy/{policy}/tag/payments")).StatusCode);
        Assert.Empty(await _policies.ViolationsAsync(tagged));
    }

    [Theory]
    [InlineData("""{"subject":"AGE_OF_COMPONENT","operator":"IS","value":"1"}""", "subject")]
    [InlineData("""{"subject":"SEVERITY","operator":"MATCHES","value":"HIGH"}""", "operator")]
    [InlineData("""{"subject":"PACKAGE_URL","operator":"MATCHES","value":"pkg:(npm"}""", "value")]
    [InlineData("""{"subject":"COORDINATES","operator":"MATCHES","value":"{\"version\":\">=\"}"}""", "value")]
    [InlineData("""{"subject":"LICENSE_GROUP","operator":"IS","value":"Viral"}""", "value")]
    [InlineData("""{"subject":"VERSION","operator":"NUMERIC_LESS_THAN"}""", "value")]
    public async Task A_bad_condition_is_refused_naming_the_field(string body, string field)
    {
        var policy = await _policies.CreateAsync("p");

        var response = await _portfolio.Http.PutAsync($"/api/v1/policy/{policy}/condition",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Contains(errors, e => (string?)e!["path"] == field);
        await using var db = JobDatabase.Open(_app);
        Assert.Empty(await db.PolicyConditions.ToListAsync());
    }

    [Fact]
    public async Task Policies_are_listed_read_renamed_and_deleted()
    {
        var first = await _policies.CreateAsync("first", "INFO", "ANY", ("VERSION", "NUMERIC_LESS_THAN", "2.0"));
        await _policies.CreateAsync("second");

        var duplicate = await _portfolio.Http.PutAsJsonAsync("/api/v1/policy", new { name = "second" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var badState = await _portfolio.Http.PutAsJsonAsync("/api/v1/policy", new { name = "third", violationState = "SEVERE" });
        Assert.Equal("violationState", (string?)(await badState.Content.ReadFromJsonAsync<JsonArray>())![0]!["path"]);
        using var list = await _portfolio.Http.GetAsync("/api/v1/policy");
        Assert.Equal("2", list.Headers.GetValues("X-Total-Count").Single());
        var read = await _portfolio.Http.GetFromJsonAsync<JsonObject>($"/api/v1/policy/{first}");
        Assert.True((bool)read!["global"]!);
        Assert.Equal("NUMERIC_LESS_THAN", (string?)read["policyConditions"]![0]!["operator"]);
        Assert.Equal("OPERATIONAL", (string?)read["policyConditions"]![0]!["violationType"]);
        Assert.Equal(HttpStatusCode.NoContent, (await _portfolio.Http.DeleteAsync($"/api/v1/policy/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _portfolio.Http.GetAsync($"/api/v1/policy/{first}")).StatusCode);
    }

    [Fact]
    public async Task A_violation_is_approved_and_suppressed_with_a_trail_and_left_out_unless_asked()
    {
        var project = (string)(await UploadNpmAsync())["uuid"]!;
        await _policies.CreateAsync("no zipObjectDeep", "FAIL", "ANY", ("VULNERABILITY_ID", "IS", "CVE-2025-90101"));
        var violation = Assert.Single(await _policies.ViolationsAsync(project))!;
        var (component, uuid) = ((string)violation["component"]!["uuid"]!, (string)violation["uuid"]!);
        var (_, key) = await TeamKeys.CreateAsync(_app, "POLICY_VIOLATION_ANALYSIS", "VIEW_POLICY_VIOLATION");
        using var analyst = _app.CreateClient(key);

        var put = await analyst.PutAsJsonAsync("/api/v1/violation/analysis",
            new { component, policyViolation = uuid, analysisState = "APPROVED", comment = "accepted risk", isSuppressed = true });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var analysis = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("APPROVED", (string?)analysis["analysisState"]);
        Assert.Equal(["NOT_SET → APPROVED", "Suppressed", "accepted risk"], analysis["analysisComments"]!.AsArray().Select(c => (string)c!["comment"]!));
        Assert.Empty(await _policies.ViolationsAsync(project));
        Assert.Single(await _policies.ViolationsAsync(project, "?suppressed=true"));
        using var portfolio = await analyst.GetAsync("/api/v1/violation?suppressed=true");
        Assert.Equal("1", portfolio.Headers.GetValues("X-Total-Count").Single());
        var read = await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/violation/analysis?component={component}&policyViolation={uuid}");
        Assert.Equal(analysis.ToJsonString(), read!.ToJsonString());
        var bad = await analyst.PutAsJsonAsync("/api/v1/violation/analysis", new { component, policyViolation = uuid, analysisState = "MAYBE" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_violations_badge_shows_open_violations_by_state_once_badges_are_on()
    {
        var project = (string)(await UploadNpmAsync("badged"))["uuid"]!;
        await _policies.CreateAsync("criticals", "FAIL", "ANY", ("SEVERITY", "IS", "CRITICAL"));
        await _policies.CreateAsync("lodash", "INFO", "ANY", ("PACKAGE_URL", "MATCHES", "pkg:npm/lodash@*"));
        await _policies.SettledAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _portfolio.Http.GetAsync($"/api/v1/badge/violations/project/{project}")).StatusCode);
        var on = await _portfolio.Http.PostAsJsonAsync("/api/v1/configProperty",
            new { groupName = "general", propertyName = "badge.enabled", propertyValue = "true" });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var (_, key) = await TeamKeys.CreateAsync(_app, "VIEW_BADGES");
        using var anonymous = _app.CreateClient(apiKey: null);

        var byUuid = XDocument.Parse(await anonymous.GetStringAsync($"/api/v1/badge/violations/project/{project}?apiKey={key}"));
        var byName = await anonymous.GetStringAsync($"/api/v1/badge/violations/project/badged/1?apiKey={key}");

        Assert.Equal(["policy violations", "2 fail", "1 info"], byUuid.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        Assert.Equal(byUuid.ToString(SaveOptions.DisableFormatting), XDocument.Parse(byName).ToString(SaveOptions.DisableFormatting));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/badge/violations/project/{project}")).StatusCode);
    }

    [Fact]
    public async Task Each_endpoint_needs_its_permission()
    {
        var (_, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO", "VIEW_VULNERABILITY");
        using var viewer = _app.CreateClient(key);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/policy")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/v1/policy", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/violation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/v1/violation/analysis", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(apiKey: null).GetAsync("/api/v1/violation")).StatusCode);
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _portfolio = new PortfolioClient(_app.CreateClient());
        _policies = new PolicyClient(_app, _portfolio.Http);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Bom(ComponentLicense license) => new BomBuilder("1.6")
        .WithComponent("acme-lib", "1.0", purl: "pkg:generic/acme-lib@1.0")
        .WithLicenses(license)
        .WithHashes(new ComponentHash("SHA-256", "abcdef01"))
        .ToJson();

    private async Task PatchAsync(string project, JsonObject body)
    {
        var response = await _portfolio.Http.PatchAsJsonAsync($"/api/v1/project/{project}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

[Collection(TrivyCollection.Name)]
public sealed class PolicyApiOnSqlite(TrivyServerFixture trivy) : PolicyApiTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class PolicyApiOnPostgres(TrivyServerFixture trivy) : PolicyApiTests(StorageKind.Postgres, trivy);
