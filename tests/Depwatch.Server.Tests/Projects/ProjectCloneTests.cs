using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Projects;

/// <summary>
/// <c>PUT /api/v1/project/clone</c> as Dependency-Track 4.12 answers it: a token, the project's fields, and as asked its
/// tags, properties, components with their findings and the triage decisions; the clone is then analysed like an upload.
/// </summary>
public abstract class ProjectCloneTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task A_full_clone_copies_fields_tags_properties_components_findings_and_decisions_then_is_analysed()
    {
        var source = await SourceAsync();
        var finding = (await _client.FindingsAsync(source)).First(f => (string?)f!["vulnerability"]!["vulnId"] == "GHSA-r4q8-vxc6-wjf5")!;
        await Http.PutAsJsonAsync("/api/v1/analysis", new
        {
            project = source, component = (string?)finding["component"]!["uuid"], vulnerability = (string?)finding["vulnerability"]!["uuid"],
            analysisState = "NOT_AFFECTED", analysisJustification = "CODE_NOT_REACHABLE", comment = "never called", isSuppressed = true,
        });

        var response = await CloneAsync(new
        {
            project = source, version = "2", includeTags = true, includeProperties = true, includeComponents = true, includeAuditHistory = true,
            includeServices = true, includeACL = true, includePolicyViolations = true, makeCloneLatest = true,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _client.WaitForTokenAsync((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!);
        var clone = await _client.LookupAsync("app", "2");
        var cloneUuid = (string)clone["uuid"]!;
        Assert.Equal(("com.acme", "Acme Publishing", "Ann"), ((string?)clone["group"], (string?)clone["publisher"], (string?)clone["author"]));
        Assert.Equal(["team-a"], clone["tags"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.True((bool)clone["isLatest"]!);
        Assert.False((bool)(await _client.LookupAsync("app", "1"))["isLatest"]!);
        Assert.Equal(["owner=team-a", "token=HiddenDecryptedPropertyPlaceholder"],
            clone["properties"]!.AsArray().Select(p => $"{p!["propertyName"]}={p["propertyValue"]}"));
        Assert.Equal(PortfolioClient.Summaries(await _client.FindingsAsync(source)), PortfolioClient.Summaries(await _client.FindingsAsync(cloneUuid)));
        var all = await Http.GetFromJsonAsync<JsonArray>($"/api/v1/finding/project/{cloneUuid}?suppressed=true");
        var decided = all!.Single(f => (string?)f!["vulnerability"]!["vulnId"] == "GHSA-r4q8-vxc6-wjf5")!;
        Assert.Equal(("NOT_AFFECTED", true), ((string?)decided["analysis"]!["state"], (bool)decided["analysis"]!["isSuppressed"]!));
        Assert.NotEqual((string?)finding["component"]!["uuid"], (string?)decided["component"]!["uuid"]);
        Assert.Equal("SUCCEEDED", (string?)clone["lastAnalysisState"]);
    }

    [Fact]
    public async Task A_bare_clone_copies_the_projects_fields_alone()
    {
        var source = await SourceAsync();

        var response = await CloneAsync(new { project = source, version = "2" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _client.WaitForTokenAsync((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!);
        var clone = await _client.LookupAsync("app", "2");
        Assert.Equal(("com.acme", false), ((string?)clone["group"], (bool)clone["isLatest"]!));
        Assert.Empty(clone["tags"]!.AsArray());
        Assert.Empty(clone["properties"]!.AsArray());
        Assert.Empty(await _client.FindingsAsync((string)clone["uuid"]!));
        Assert.Empty((await Http.GetFromJsonAsync<JsonArray>($"/api/v1/component/project/{clone["uuid"]}"))!);
    }

    [Fact]
    public async Task A_clone_is_refused_as_dependency_track_refuses_it()
    {
        var source = await SourceAsync();
        var viewer = await Boms.BomApi.ClientWithAsync(_app, "VIEW_PORTFOLIO");

        var taken = await CloneAsync(new { project = source, version = "1" });
        var unknown = await CloneAsync(new { project = Guid.NewGuid(), version = "2" });
        var malformed = await CloneAsync(new { project = "nope", version = "2" });
        var forbidden = await viewer.PutAsJsonAsync("/api/v1/project/clone", new { project = source, version = "3" });

        Assert.Equal((HttpStatusCode.Conflict, "A project with the specified name and version already exists."), (taken.StatusCode, await taken.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.NotFound, "The UUID of the project could not be found."), (unknown.StatusCode, await unknown.Content.ReadAsStringAsync()));
        Assert.Equal("project", (string?)(await malformed.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["path"]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Single((await Http.GetFromJsonAsync<JsonArray>("/api/v1/project"))!);
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Http => _client.Http;

    private Task<HttpResponseMessage> CloneAsync(object request) => Http.PutAsJsonAsync("/api/v1/project/clone", request);

    /// <summary>Project app 1, the latest, described, tagged, with a plain and an encrypted property, and analysed with findings.</summary>
    private async Task<string> SourceAsync()
    {
        var uuid = (string)(await _client.UploadAndWaitAsync("app", "1", TestBoms.Npm(("lodash", "4.17.4"), ("minimist", "1.2.5"))))["uuid"]!;
        await Http.PatchAsJsonAsync($"/api/v1/project/{uuid}", new
        {
            group = "com.acme", publisher = "Acme Publishing", author = "Ann", isLatest = true, tags = new[] { new { name = "team-a" } },
        });
        await Http.PutAsJsonAsync($"/api/v1/project/{uuid}/property", new { groupName = "ci", propertyName = "owner", propertyValue = "team-a", propertyType = "STRING" });
        await Http.PutAsJsonAsync($"/api/v1/project/{uuid}/property", new { groupName = "ci", propertyName = "token", propertyValue = "s3cret", propertyType = "ENCRYPTEDSTRING" });
        Assert.NotEmpty(await _client.FindingsAsync(uuid));
        return uuid;
    }
}

[Collection(TrivyCollection.Name)]
public sealed class ProjectCloneOnSqlite(TrivyServerFixture trivy) : ProjectCloneTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class ProjectCloneOnPostgres(TrivyServerFixture trivy) : ProjectCloneTests(StorageKind.Postgres, trivy);
