using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Projects;

/// <summary>Parent and child projects, as Dependency-Track users group a product's services.</summary>
public abstract class ProjectHierarchyTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task A_child_names_its_parent_and_the_parent_lists_its_children()
    {
        var product = await CreateAsync(new { name = "product", version = "2026" });
        var api = await CreateAsync(new { name = "api", version = "1.0", parent = new { uuid = Uuid(product) } });
        await CreateAsync(new { name = "web", version = "1.0", parent = new { uuid = Uuid(product) } });

        var child = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(api)}");
        var parent = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(product)}");
        var children = await _client.GetAsync($"/api/v1/project/{Uuid(product)}/children");
        var roots = await _client.GetFromJsonAsync<JsonArray>("/api/v1/project?onlyRoot=true");

        Assert.Equal(("product", "2026", Uuid(product)), Parent(child!));
        Assert.Equal(Parent(child!), Parent(api));
        Assert.Equal(["api", "web"], Names(parent!["children"]!.AsArray()));
        Assert.Equal(["api", "web"], Names((await children.Content.ReadFromJsonAsync<JsonArray>())!));
        Assert.Equal("2", children.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(["product"], Names(roots!));
    }

    [Fact]
    public async Task A_missing_unknown_or_inactive_parent_is_refused_as_dependency_track_does()
    {
        var retired = await CreateAsync(new { name = "retired", active = false });

        var noUuid = await _client.PutAsJsonAsync("/api/v1/project", new { name = "a", parent = new { } });
        var unknown = await _client.PutAsJsonAsync("/api/v1/project", new { name = "b", parent = new { uuid = Guid.NewGuid() } });
        var inactive = await _client.PutAsJsonAsync("/api/v1/project", new { name = "c", parent = new { uuid = Uuid(retired) } });

        Assert.Equal(HttpStatusCode.BadRequest, noUuid.StatusCode);
        Assert.Contains("parent.uuid must be provided when parent is set", await noUuid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("The UUID of the parent project could not be found.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, inactive.StatusCode);
        Assert.Equal("An inactive Parent cannot be selected as parent", await inactive.Content.ReadAsStringAsync());
        Assert.Equal((1, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task An_upload_that_creates_its_project_puts_it_under_the_named_parent()
    {
        var product = await CreateAsync(new { name = "product", version = "2026" });

        var byUuid = await _client.PutAsJsonAsync("/api/v1/bom", new
        {
            projectName = "api",
            projectVersion = "1.0",
            autoCreate = true,
            parentUUID = Uuid(product),
            bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(Bom())),
        });
        var byName = await _client.PostAsync("/api/v1/bom", Form("web", ("parentName", "product"), ("parentVersion", "2026")));
        await BomApi.WaitUntilProcessedAsync(_client, await BomApi.TokenAsync(byUuid));
        await BomApi.WaitUntilProcessedAsync(_client, await BomApi.TokenAsync(byName));

        Assert.Equal(("product", "2026", Uuid(product)), Parent(await LookupAsync("api")));
        Assert.Equal(("product", "2026", Uuid(product)), Parent(await LookupAsync("web")));
    }

    [Fact]
    public async Task An_upload_naming_an_unknown_or_inactive_parent_creates_nothing()
    {
        await CreateAsync(new { name = "retired", version = "1", active = false });

        var unknown = await _client.PostAsync("/api/v1/bom", Form("api", ("parentName", "no-such-product")));
        var inactive = await _client.PostAsync("/api/v1/bom", Form("web", ("parentName", "retired"), ("parentVersion", "1")));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("The parent component could not be found.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, inactive.StatusCode);
        Assert.Contains("An inactive Parent cannot be selected as parent", await inactive.Content.ReadAsStringAsync());
        Assert.Equal((1, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task Deleting_a_project_deletes_its_descendants_with_their_components()
    {
        var product = await CreateAsync(new { name = "product" });
        var api = await CreateAsync(new { name = "api", parent = new { uuid = Uuid(product) } });
        await CreateAsync(new { name = "api-worker", parent = new { uuid = Uuid(api) } });
        var other = await CreateAsync(new { name = "other" });
        var upload = await _client.PostAsync("/api/v1/bom", Form("api-worker", ("projectVersion", "")));
        await BomApi.WaitUntilProcessedAsync(_client, await BomApi.TokenAsync(upload));

        var deleted = await _client.DeleteAsync($"/api/v1/project/{Uuid(product)}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var left = await _client.GetFromJsonAsync<JsonArray>("/api/v1/project");
        Assert.Equal(["other"], Names(left!));
        Assert.Equal(Uuid(other), left![0]!["uuid"]!.GetValue<string>());
        await using var db = Jobs.JobDatabase.Open(_app);
        Assert.Equal(0, db.Components.Count());
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy: null);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Bom() => TestBoms.Npm(("lodash", "4.17.4"));

    /// <summary>A multipart upload that auto-creates <paramref name="name"/> 1.0, with extra form fields (a later field of the same name wins).</summary>
    private static MultipartFormDataContent Form(string name, params (string Field, string Value)[] fields)
    {
        var values = new Dictionary<string, string> { ["projectName"] = name, ["projectVersion"] = "1.0", ["autoCreate"] = "true" };
        foreach (var (field, value) in fields)
        {
            values[field] = value;
        }
        var form = new MultipartFormDataContent();
        foreach (var (field, value) in values)
        {
            form.Add(new StringContent(value), field);
        }
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(Bom())), "bom", "bom.json");
        return form;
    }

    private async Task<JsonObject> CreateAsync(object project)
    {
        var response = await _client.PutAsJsonAsync("/api/v1/project", project);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonObject> LookupAsync(string name) =>
        (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/lookup?name={name}&version=1.0"))!;

    private static string Uuid(JsonObject project) => project["uuid"]!.GetValue<string>();

    private static (string, string?, string) Parent(JsonObject project) => (
        project["parent"]!["name"]!.GetValue<string>(), project["parent"]!["version"]?.GetValue<string>(),
        project["parent"]!["uuid"]!.GetValue<string>());

    private static List<string> Names(JsonArray projects) => [.. projects.Select(p => p!["name"]!.GetValue<string>())];
}

public sealed class ProjectHierarchyOnSqlite() : ProjectHierarchyTests(StorageKind.Sqlite);

public sealed class ProjectHierarchyOnPostgres() : ProjectHierarchyTests(StorageKind.Postgres);
