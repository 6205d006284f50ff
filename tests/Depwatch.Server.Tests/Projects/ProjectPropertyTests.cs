using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Data;
using Depwatch.Server.Secrets;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Projects;

/// <summary>
/// <c>/api/v1/project/{uuid}/property</c> as Dependency-Track 4.12 answers it: create, list, update, delete, its status
/// codes and texts, values checked by type, and ENCRYPTEDSTRING values stored encrypted and never read back.
/// </summary>
public abstract class ProjectPropertyTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;
    private string _uuid = null!;

    [Fact]
    public async Task A_property_is_created_listed_changed_and_deleted()
    {
        var created = await PutAsync(new { groupName = "ci", propertyName = "owner", propertyValue = " team-a ", propertyType = "STRING", description = "Who owns it" });
        var again = await PutAsync(new { groupName = "ci", propertyName = "owner", propertyValue = "team-b", propertyType = "STRING" });
        var changed = await _client.PostAsJsonAsync(Path, new { groupName = "ci", propertyName = "owner", propertyValue = "team-b" });
        var listed = await _client.GetFromJsonAsync<JsonArray>(Path);
        var project = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{_uuid}");
        var deleted = await DeleteAsync(new { groupName = "ci", propertyName = "owner" });
        var deletedAgain = await DeleteAsync(new { groupName = "ci", propertyName = "owner" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("""{"groupName":"ci","propertyName":"owner","propertyValue":"team-a","propertyType":"STRING","description":"Who owns it"}""",
            (await created.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString());
        await AssertTextAsync(again, HttpStatusCode.Conflict, "A property with the specified project/group/name combination already exists.");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["team-b"], listed!.Select(p => p!["propertyValue"]!.GetValue<string>()));
        Assert.Equal("team-b", project!["properties"]!.AsArray().Single()!["propertyValue"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertTextAsync(deletedAgain, HttpStatusCode.NotFound, "The project property could not be found.");
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>(Path))!);
    }

    [Fact]
    public async Task An_encrypted_value_is_stored_encrypted_and_never_read_back()
    {
        var created = await PutAsync(new { groupName = "integrations", propertyName = "token", propertyValue = "s3cret-value", propertyType = "ENCRYPTEDSTRING" });
        var placeholderBack = await _client.PostAsJsonAsync(Path, new { groupName = "integrations", propertyName = "token", propertyValue = "HiddenDecryptedPropertyPlaceholder" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("s3cret", await created.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, placeholderBack.StatusCode);
        Assert.DoesNotContain("s3cret", await _client.GetStringAsync(Path));
        Assert.DoesNotContain("s3cret", await _client.GetStringAsync($"/api/v1/project/{_uuid}"));
        await using var db = JobDatabase.Open(_app);
        var stored = await db.ProjectProperties.AsNoTracking().SingleAsync();
        Assert.DoesNotContain("s3cret", stored.PropertyValue);
        Assert.Equal("s3cret-value", ProjectProperties.Decrypt(_app.Services.GetRequiredService<SecretProtector>(), stored));
    }

    [Fact]
    public async Task Values_that_do_not_fit_their_type_and_malformed_bodies_are_refused()
    {
        var notInteger = await PutAsync(new { groupName = "ci", propertyName = "retries", propertyValue = "many", propertyType = "INTEGER" });
        var noType = await PutAsync(new { groupName = "ci", propertyName = "retries", propertyValue = "3" });
        var blankGroup = await PutAsync(new { groupName = " ", propertyName = "retries", propertyValue = "3", propertyType = "INTEGER" });
        var tooLong = await PutAsync(new { groupName = "ci", propertyName = "notes", propertyValue = new string('x', 1025), propertyType = "STRING" });
        await PutAsync(new { groupName = "ci", propertyName = "retries", propertyValue = "3", propertyType = "INTEGER" });
        var badChange = await _client.PostAsJsonAsync(Path, new { groupName = "ci", propertyName = "retries", propertyValue = "3.5" });

        await AssertTextAsync(notInteger, HttpStatusCode.BadRequest, "The property expected an integer and an integer was not sent.");
        Assert.Equal("propertyType", await ErrorPathAsync(noType));
        Assert.Equal("groupName", await ErrorPathAsync(blankGroup));
        Assert.Equal("propertyValue", await ErrorPathAsync(tooLong));
        await AssertTextAsync(badChange, HttpStatusCode.BadRequest, "The property expected an integer and an integer was not sent.");
        Assert.Equal(["3"], (await _client.GetFromJsonAsync<JsonArray>(Path))!.Select(p => p!["propertyValue"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_projects_and_properties_get_dependency_tracks_texts()
    {
        var unknownProject = $"/api/v1/project/{Guid.NewGuid()}/property";

        await AssertTextAsync(await _client.GetAsync(unknownProject), HttpStatusCode.NotFound, "The project could not be found.");
        await AssertTextAsync(await _client.PutAsJsonAsync(unknownProject, new { groupName = "g", propertyName = "p", propertyType = "STRING" }),
            HttpStatusCode.NotFound, "The project could not be found.");
        await AssertTextAsync(await _client.PostAsJsonAsync(Path, new { groupName = "g", propertyName = "p", propertyValue = "v" }),
            HttpStatusCode.NotFound, "A property with the specified project/group/name combination could not be found.");
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/v1/project/not-a-uuid/property")).StatusCode);
    }

    [Fact]
    public async Task Properties_need_portfolio_management()
    {
        var viewer = await BomApi.ClientWithAsync(_app, "VIEW_PORTFOLIO");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync(Path, new { groupName = "g", propertyName = "p", propertyType = "STRING" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(apiKey: null).GetAsync(Path)).StatusCode);
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy: null);
        _client = _app.CreateClient();
        var project = await _client.PutAsJsonAsync("/api/v1/project", new { name = "billing", version = "1.0" });
        _uuid = (await project.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Path => $"/api/v1/project/{_uuid}/property";

    private Task<HttpResponseMessage> PutAsync(object property) => _client.PutAsJsonAsync(Path, property);

    private Task<HttpResponseMessage> DeleteAsync(object property) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Path) { Content = JsonContent.Create(property) });

    private static async Task<string> ErrorPathAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["path"]!.GetValue<string>();
    }

    private static async Task AssertTextAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }
}

public sealed class ProjectPropertiesOnSqlite() : ProjectPropertyTests(StorageKind.Sqlite);

public sealed class ProjectPropertiesOnPostgres() : ProjectPropertyTests(StorageKind.Postgres);
