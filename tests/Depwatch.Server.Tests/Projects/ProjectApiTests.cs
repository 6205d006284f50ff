using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Projects;

/// <summary>The project API as pipelines and scripts written for Dependency-Track use it.</summary>
public abstract class ProjectApiTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task Created_projects_are_listed_looked_up_and_read_back()
    {
        var created = await CreateAsync(new { name = "billing", version = "2.0", description = "Invoices", classifier = "LIBRARY", isLatest = true });

        var uuid = created["uuid"]!.GetValue<string>();
        Assert.Equal(("billing", "2.0", "Invoices", "LIBRARY", true, true, "NONE"), Summary(created));
        var lookedUp = await GetAsync<JsonObject>("/api/v1/project/lookup?name=billing&version=2.0");
        var read = await GetAsync<JsonObject>($"/api/v1/project/{uuid}");
        Assert.Equal(uuid, lookedUp["uuid"]!.GetValue<string>());
        Assert.Equal(Summary(created), Summary(read));
        Assert.Equal(0, read["metrics"]!["vulnerabilities"]!.GetValue<int>());
        Assert.Equal(uuid, read["versions"]![0]!["uuid"]!.GetValue<string>());
        Assert.Equal(uuid, (await GetAsync<JsonArray>("/api/v1/project"))[0]!["uuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lookup_without_a_version_finds_the_project_without_one()
    {
        await CreateAsync(new { name = "tool" });
        await CreateAsync(new { name = "tool", version = "1" });

        var unversioned = await GetAsync<JsonObject>("/api/v1/project/lookup?name=tool");

        Assert.Null(unversioned["version"]);
        Assert.Equal(2, unversioned["versions"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_second_project_with_the_same_name_and_version_is_a_conflict_with_dependency_tracks_text()
    {
        await CreateAsync(new { name = "billing", version = "2.0" });

        var clash = await _client.PutAsJsonAsync("/api/v1/project", new { name = "billing", version = "2.0" });
        var otherVersion = await _client.PutAsJsonAsync("/api/v1/project", new { name = "billing", version = "2.1" });

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("A project with the specified name already exists.", await clash.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, otherVersion.StatusCode);
    }

    [Fact]
    public async Task A_project_without_a_name_or_with_an_unknown_classifier_is_rejected_and_not_created()
    {
        var blank = await _client.PutAsJsonAsync("/api/v1/project", new { name = " ", version = "1" });
        var classifier = await _client.PutAsJsonAsync("/api/v1/project", new { name = "x", classifier = "SPACESHIP" });

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal("name", (await blank.Content.ReadFromJsonAsync<JsonArray>())![0]!["path"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, classifier.StatusCode);
        Assert.Equal("classifier", (await classifier.Content.ReadFromJsonAsync<JsonArray>())![0]!["path"]!.GetValue<string>());
        Assert.Empty(await GetAsync<JsonArray>("/api/v1/project"));
    }

    [Fact]
    public async Task Marking_a_new_version_latest_clears_the_flag_on_the_previous_one()
    {
        var first = await CreateAsync(new { name = "billing", version = "1", isLatest = true });
        await CreateAsync(new { name = "billing", version = "2", isLatest = true });

        var previous = await GetAsync<JsonObject>($"/api/v1/project/{first["uuid"]}");

        Assert.False(previous["isLatest"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Lists_page_by_page_number_or_offset_with_the_total_in_a_header()
    {
        foreach (var name in new[] { "delta", "alpha", "echo", "charlie", "bravo" })
        {
            await CreateAsync(new { name, version = "1" });
        }

        var (page2, total) = await GetPageAsync("/api/v1/project?pageNumber=2&pageSize=2");
        var (offset, _) = await GetPageAsync("/api/v1/project?offset=4&limit=2");
        var (sizeWithoutPage, _) = await GetPageAsync("/api/v1/project?pageSize=2");
        var (descending, _) = await GetPageAsync("/api/v1/project?sortName=name&sortOrder=desc&pageNumber=1&pageSize=1");

        Assert.Equal("5", total);
        Assert.Equal(["charlie", "delta"], Names(page2));
        Assert.Equal(["echo"], Names(offset));
        Assert.Equal(5, sizeWithoutPage.Count);
        Assert.Equal(["echo"], Names(descending));
    }

    [Fact]
    public async Task Lists_filter_by_exact_name_or_by_a_case_insensitive_search()
    {
        await CreateAsync(new { name = "payments-api", version = "1" });
        await CreateAsync(new { name = "payments-api", version = "2" });
        await CreateAsync(new { name = "Payments-UI", version = "1" });
        await CreateAsync(new { name = "search", version = "1" });

        var exact = await GetAsync<JsonArray>("/api/v1/project?name=payments-api");
        var (search, total) = await GetPageAsync("/api/v1/project?searchText=PAYMENTS");
        var inactive = await GetAsync<JsonArray>("/api/v1/project?excludeInactive=true");

        Assert.Equal(["2", "1"], exact.Select(p => p!["version"]!.GetValue<string>()));
        Assert.All(exact, p => Assert.Null(p!["metrics"]));
        Assert.Equal(["Payments-UI", "payments-api", "payments-api"], Names(search));
        Assert.Equal("3", total);
        Assert.Equal(4, inactive.Count);
    }

    [Fact]
    public async Task Sorting_by_an_unknown_field_is_a_problem_naming_the_field()
    {
        var response = await _client.GetAsync("/api/v1/project?sortName=colour&sortOrder=asc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Field not sortable", problem!["title"]!.GetValue<string>());
        Assert.Contains("Project#colour", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_project_removes_it_with_its_components()
    {
        var client = new PortfolioClient(_client);
        var project = await client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var uuid = project["uuid"]!.GetValue<string>();

        var deleted = await _client.DeleteAsync($"/api/v1/project/{uuid}");
        var again = await _client.DeleteAsync($"/api/v1/project/{uuid}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("The UUID of the project could not be found.", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/project/{uuid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/component/project/{uuid}")).StatusCode);
        Assert.Empty(await GetAsync<JsonArray>("/api/v1/project"));
    }

    [Fact]
    public async Task A_project_shows_its_last_bom_import_in_epoch_milliseconds_and_format()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();

        var project = await new PortfolioClient(_client).UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());

        Assert.InRange(project["lastBomImport"]!.GetValue<long>(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal("CycloneDX 1.6", project["lastBomImportFormat"]!.GetValue<string>());
    }

    [Fact]
    public async Task Components_are_listed_with_their_project_paged_and_searchable()
    {
        var project = await new PortfolioClient(_client).UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var uuid = project["uuid"]!.GetValue<string>();

        var (all, total) = await GetPageAsync($"/api/v1/component/project/{uuid}");
        var (search, searchTotal) = await GetPageAsync($"/api/v1/component/project/{uuid}?searchText=LEFT");
        var (page, _) = await GetPageAsync($"/api/v1/component/project/{uuid}?pageNumber=2&pageSize=2");

        Assert.Equal("4", total);
        Assert.Equal(["debian", "left-pad", "libssl3", "lodash"], Names(all));
        var libssl = all.Single(c => c!["name"]!.GetValue<string>() == "libssl3")!;
        Assert.Equal("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12.5&upstream=openssl", libssl["purl"]!.GetValue<string>());
        Assert.Equal("pkg:deb/debian/libssl3@3.0.11-1~deb12u2", libssl["purlCoordinates"]!.GetValue<string>());
        Assert.Equal("LIBRARY", libssl["classifier"]!.GetValue<string>());
        Assert.False(libssl["isInternal"]!.GetValue<bool>());
        Assert.Equal(uuid, libssl["project"]!["uuid"]!.GetValue<string>());
        Assert.Equal("OPERATING_SYSTEM", all.Single(c => c!["name"]!.GetValue<string>() == "debian")!["classifier"]!.GetValue<string>());
        Assert.Equal(["left-pad"], Names(search));
        Assert.Equal("1", searchTotal);
        Assert.Equal(["libssl3", "lodash"], Names(page));
    }

    [Fact]
    public async Task Malformed_and_unknown_project_uuids_get_dependency_tracks_answers()
    {
        var malformed = await _client.GetAsync("/api/v1/project/NOT-A-UUID");
        var unknown = await _client.GetAsync($"/api/v1/project/{Guid.NewGuid()}");
        var lookup = await _client.GetAsync("/api/v1/project/lookup?name=nothing&version=1");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Invalid UUID", (await malformed.Content.ReadFromJsonAsync<JsonArray>())![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("The project could not be found.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal("The project could not be found.", await lookup.Content.ReadAsStringAsync());
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy: null);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonObject> CreateAsync(object project)
    {
        var response = await _client.PutAsJsonAsync("/api/v1/project", project);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<T> GetAsync<T>(string path) where T : JsonNode => await new PortfolioClient(_client).GetJsonAsync<T>(path);

    private async Task<(JsonArray Items, string Total)> GetPageAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonArray>())!, response.Headers.GetValues("X-Total-Count").Single());
    }

    private static List<string> Names(JsonArray items) => [.. items.Select(i => i!["name"]!.GetValue<string>())];

    private static (string, string, string, string, bool, bool, string) Summary(JsonObject project) => (
        project["name"]!.GetValue<string>(), project["version"]!.GetValue<string>(), project["description"]!.GetValue<string>(),
        project["classifier"]!.GetValue<string>(), project["active"]!.GetValue<bool>(), project["isLatest"]!.GetValue<bool>(),
        project["collectionLogic"]!.GetValue<string>());
}

public sealed class ProjectApiOnSqlite() : ProjectApiTests(StorageKind.Sqlite);

public sealed class ProjectApiOnPostgres() : ProjectApiTests(StorageKind.Postgres);
