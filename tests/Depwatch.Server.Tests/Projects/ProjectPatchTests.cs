using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Projects;

/// <summary>
/// <c>PATCH /api/v1/project/{uuid}</c>, as scripts retag, describe, deactivate or regroup projects; <c>POST</c>, the full
/// update client-go and sbom-operator send; and the lookups by latest version and classifier.
/// </summary>
public abstract class ProjectPatchTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task Only_the_fields_the_body_names_change()
    {
        var project = await CreateAsync(new { name = "billing", version = "1.0", description = "Invoices", classifier = "LIBRARY", tags = new[] { new { name = "old" } } });

        var patched = await PatchAsync(project, new { tags = new[] { new { name = "Team-A" }, new { name = "pci" } }, description = "Invoices and refunds" });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var read = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(project)}");
        Assert.Equal(("billing", "1.0", "Invoices and refunds", "LIBRARY", true), Summary(read!));
        Assert.Equal(["pci", "team-a"], read!["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(Summary(read), Summary((await patched.Content.ReadFromJsonAsync<JsonObject>())!));
    }

    [Fact]
    public async Task Marking_a_version_latest_unmarks_the_previous_latest_of_that_name()
    {
        var first = await CreateAsync(new { name = "billing", version = "1.0", isLatest = true });
        var second = await CreateAsync(new { name = "billing", version = "2.0" });

        await PatchAsync(second, new { isLatest = true });

        Assert.False((await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(first)}"))!["isLatest"]!.GetValue<bool>());
        Assert.True((await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(second)}"))!["isLatest"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Changes_that_would_break_the_portfolio_are_refused_with_dependency_tracks_answers()
    {
        var product = await CreateAsync(new { name = "product" });
        var api = await CreateAsync(new { name = "api", version = "1.0", parent = new { uuid = Uuid(product) } });
        var worker = await CreateAsync(new { name = "worker", version = "1.0", parent = new { uuid = Uuid(api) } });
        await CreateAsync(new { name = "api", version = "2.0" });

        var clash = await PatchAsync(api, new { version = "2.0" });
        var activeChildren = await PatchAsync(product, new { active = false });
        var ownDescendant = await PatchAsync(product, new { parent = new { uuid = Uuid(worker) } });
        var itself = await PatchAsync(api, new { parent = new { uuid = Uuid(api) } });
        var unknown = await _client.PatchAsJsonAsync($"/api/v1/project/{Guid.NewGuid()}", new { description = "x" });

        await AssertTextAsync(clash, HttpStatusCode.Conflict, "A project with the specified name already exists.");
        await AssertTextAsync(activeChildren, HttpStatusCode.Conflict, "Project cannot be set to inactive if active children are present.");
        await AssertTextAsync(ownDescendant, HttpStatusCode.Conflict, "A project cannot select itself or one of its descendants as a parent.");
        await AssertTextAsync(itself, HttpStatusCode.Conflict, "A project cannot select itself or one of its descendants as a parent.");
        await AssertTextAsync(unknown, HttpStatusCode.NotFound, "The UUID of the project could not be found.");
        var unchanged = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(api)}");
        Assert.Equal("1.0", unchanged!["version"]!.GetValue<string>());
        Assert.Equal(Uuid(product), unchanged["parent"]!["uuid"]!.GetValue<string>());
        Assert.True((await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(product)}"))!["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_project_moves_under_another_parent_and_a_leaf_may_be_deactivated()
    {
        var product = await CreateAsync(new { name = "product" });
        var platform = await CreateAsync(new { name = "platform" });
        var api = await CreateAsync(new { name = "api", parent = new { uuid = Uuid(product) } });

        var moved = await PatchAsync(api, new { parent = new { uuid = Uuid(platform) }, active = false });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var read = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(api)}"))!;
        Assert.Equal(Uuid(platform), read["parent"]!["uuid"]!.GetValue<string>());
        Assert.False(read["active"]!.GetValue<bool>());
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>($"/api/v1/project/{Uuid(product)}/children"))!);
    }

    [Fact]
    public async Task A_full_update_replaces_every_field_and_clears_what_the_body_leaves_out()
    {
        var product = await CreateAsync(new { name = "product" });
        var project = await CreateAsync(new
        {
            name = "billing", version = "1.0", description = "Invoices", classifier = "LIBRARY", purl = "pkg:npm/billing@1.0",
            tags = new[] { new { name = "old" } }, parent = new { uuid = Uuid(product) },
        });

        var updated = await _client.PostAsJsonAsync("/api/v1/project", new { uuid = Uuid(project), name = "billing", version = "1.1", tags = new[] { new { name = "New" } } });

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(project)}"))!;
        Assert.Equal(("billing", "1.1", null, "APPLICATION", true), Summary(read));
        Assert.Null(read["purl"]);
        Assert.Null(read["parent"]);
        Assert.Equal(["new"], read["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>($"/api/v1/project/{Uuid(product)}/children"))!);
    }

    [Fact]
    public async Task A_full_update_is_refused_as_Dependency_Track_refuses_it()
    {
        var project = await CreateAsync(new { name = "billing", version = "1.0" });
        await CreateAsync(new { name = "billing", version = "2.0" });

        var noUuid = await _client.PostAsJsonAsync("/api/v1/project", new { name = "billing" });
        var noName = await _client.PostAsJsonAsync("/api/v1/project", new { uuid = Uuid(project), version = "1.0" });
        var unknown = await _client.PostAsJsonAsync("/api/v1/project", new { uuid = Guid.NewGuid(), name = "x" });
        var clash = await _client.PostAsJsonAsync("/api/v1/project", new { uuid = Uuid(project), name = "billing", version = "2.0" });

        Assert.Equal(HttpStatusCode.BadRequest, noUuid.StatusCode);
        Assert.Equal("uuid", (await noUuid.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["path"]!.GetValue<string>());
        Assert.Equal("name", (await noName.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["path"]!.GetValue<string>());
        await AssertTextAsync(unknown, HttpStatusCode.NotFound, "The UUID of the project could not be found.");
        await AssertTextAsync(clash, HttpStatusCode.Conflict, "A project with the specified name already exists.");
        Assert.Equal("1.0", (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(project)}"))!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_latest_version_of_a_name_is_found_by_name()
    {
        await CreateAsync(new { name = "billing", version = "1.0", isLatest = true });
        var second = await CreateAsync(new { name = "billing", version = "2.0" });
        await PatchAsync(second, new { isLatest = true });

        var latest = await _client.GetFromJsonAsync<JsonObject>("/api/v1/project/latest/billing");
        var none = await _client.GetAsync("/api/v1/project/latest/unknown");

        Assert.Equal(Uuid(second), Uuid(latest!));
        Assert.Equal("2.0", latest!["version"]!.GetValue<string>());
        await AssertTextAsync(none, HttpStatusCode.NotFound, "The project could not be found.");
    }

    [Fact]
    public async Task Projects_are_listed_by_classifier()
    {
        var image = await CreateAsync(new { name = "image", classifier = "CONTAINER" });
        await CreateAsync(new { name = "lib", classifier = "LIBRARY" });

        var containers = await _client.GetAsync("/api/v1/project/classifier/CONTAINER");
        var unknown = await _client.GetAsync("/api/v1/project/classifier/SPACESHIP");

        Assert.Equal("1", containers.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal([Uuid(image)], (await containers.Content.ReadFromJsonAsync<JsonArray>())!.Select(p => Uuid(p!.AsObject())));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("classifier", (await unknown.Content.ReadFromJsonAsync<JsonArray>())!.Single()!["path"]!.GetValue<string>());
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

    private Task<HttpResponseMessage> PatchAsync(JsonObject project, object changes) =>
        _client.PatchAsJsonAsync($"/api/v1/project/{Uuid(project)}", changes);

    private static async Task AssertTextAsync(HttpResponseMessage response, HttpStatusCode status, string text)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    private static string Uuid(JsonObject project) => project["uuid"]!.GetValue<string>();

    private static (string, string?, string?, string, bool) Summary(JsonObject project) => (
        project["name"]!.GetValue<string>(), project["version"]?.GetValue<string>(), project["description"]?.GetValue<string>(),
        project["classifier"]!.GetValue<string>(), project["active"]!.GetValue<bool>());
}

public sealed class ProjectPatchOnSqlite() : ProjectPatchTests(StorageKind.Sqlite);

public sealed class ProjectPatchOnPostgres() : ProjectPatchTests(StorageKind.Postgres);
