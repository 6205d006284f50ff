using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Projects;

/// <summary>
/// Dependency-Track's project fields as clients send and read them: people, organisations, identifiers and references on
/// create, patch and full update, their validation, children on list rows, and what an uploaded BOM's metadata sets.
/// </summary>
public abstract class ProjectFieldTests(StorageKind storage) : IAsyncLifetime
{
    private static readonly object s_described = new
    {
        name = "payments", version = "1.0", group = "com.acme", publisher = "Acme Publishing", swidTagId = "swidgen-payments-1.0",
        cpe = "cpe:2.3:a:acme:payments:1.0:*:*:*:*:*:*:*",
        authors = new[] { new { name = "Ann", email = (string?)"ann@example.com", phone = (string?)"555-0100" }, new { name = "Bob", email = (string?)null, phone = (string?)null } },
        supplier = new { name = "Acme", urls = new[] { "https://acme.example.com" }, contacts = new[] { new { name = "Desk", email = "desk@example.com" } } },
        manufacturer = new { name = "Acme Factory" },
        externalReferences = new[] { new { type = "vcs", url = "https://git.example.com/payments", comment = "source" } },
    };

    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task Every_field_is_kept_and_read_back_in_dependency_tracks_shapes()
    {
        var created = await CreateAsync(s_described);

        var read = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(created)}"))!;
        var row = (await _client.GetFromJsonAsync<JsonArray>("/api/v1/project?name=payments"))!.Single()!.AsObject();

        foreach (var project in new[] { created, read, row })
        {
            Assert.Equal(("com.acme", "Acme Publishing", "swidgen-payments-1.0", "cpe:2.3:a:acme:payments:1.0:*:*:*:*:*:*:*"),
                (Text(project, "group"), Text(project, "publisher"), Text(project, "swidTagId"), Text(project, "cpe")));
            Assert.Equal("Ann, Bob", Text(project, "author"));
            Assert.Equal("""[{"name":"Ann","email":"ann@example.com","phone":"555-0100"},{"name":"Bob"}]""", project["authors"]!.ToJsonString());
            Assert.Equal("""{"name":"Acme","urls":["https://acme.example.com"],"contacts":[{"name":"Desk","email":"desk@example.com"}]}""",
                project["supplier"]!.ToJsonString());
            Assert.Equal("""{"name":"Acme Factory"}""", project["manufacturer"]!.ToJsonString());
            Assert.Equal("""[{"type":"vcs","url":"https://git.example.com/payments","comment":"source"}]""", project["externalReferences"]!.ToJsonString());
            Assert.Null(project["directDependencies"]);
        }
    }

    [Fact]
    public async Task A_patch_changes_the_fields_it_names_and_the_deprecated_author_replaces_the_authors()
    {
        var created = await CreateAsync(s_described);

        var patched = await _client.PatchAsJsonAsync($"/api/v1/project/{Uuid(created)}", new { author = "Carol", publisher = "Acme Books", supplier = new { name = "Acme Two" } });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var read = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(created)}"))!;
        Assert.Equal("""[{"name":"Carol"}]""", read["authors"]!.ToJsonString());
        Assert.Equal(("Carol", "Acme Books", "Acme Two"), (Text(read, "author"), Text(read, "publisher"), Text(read["supplier"]!.AsObject(), "name")));
        Assert.Equal(("com.acme", "Acme Factory"), (Text(read, "group"), Text(read["manufacturer"]!.AsObject(), "name")));
        Assert.Single(read["externalReferences"]!.AsArray());
    }

    [Fact]
    public async Task A_full_update_clears_every_field_the_body_leaves_out()
    {
        var created = await CreateAsync(s_described);

        var updated = await _client.PostAsJsonAsync("/api/v1/project", new { uuid = Uuid(created), name = "payments", version = "1.0", publisher = "Acme Books" });

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var read = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(created)}"))!;
        Assert.Equal("Acme Books", Text(read, "publisher"));
        foreach (var field in new[] { "group", "swidTagId", "cpe", "author", "authors", "supplier", "manufacturer", "externalReferences" })
        {
            Assert.Null(read[field]);
        }
    }

    [Fact]
    public async Task Bad_fields_are_refused_naming_each_one_and_nothing_is_stored()
    {
        var response = await _client.PutAsJsonAsync("/api/v1/project", new
        {
            name = "payments",
            cpe = "acme payments",
            group = new string('g', 256),
            externalReferences = new object[] { new { type = "git", url = "https://git.example.com" }, new { type = "website", url = " " } },
            authors = new[] { new { name = "Ann\nAnn" } },
            supplier = new { urls = new[] { new string('u', 2049) } },
            manufacturer = new { contacts = Enumerable.Range(0, 101).Select(i => new { name = $"c{i}" }) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(e => e!["path"]!.GetValue<string>());
        Assert.Equal(["group", "cpe", "authors[0].name", "supplier.urls[0]", "manufacturer.contacts", "externalReferences[0].type", "externalReferences[1].url"], paths);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>("/api/v1/project"))!);
    }

    [Fact]
    public async Task Cpe_22_and_23_are_both_accepted()
    {
        var cpe22 = await _client.PutAsJsonAsync("/api/v1/project", new { name = "a", cpe = "cpe:/a:acme:payments:1.0" });
        var cpe23 = await _client.PutAsJsonAsync("/api/v1/project", new { name = "b", cpe = "cpe:2.3:a:acme:pay\\:ments:1.0:*:*:*:*:*:*:*" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (cpe22.StatusCode, cpe23.StatusCode));
    }

    [Fact]
    public async Task List_rows_carry_their_children()
    {
        var product = await CreateAsync(new { name = "product" });
        var api = await CreateAsync(new { name = "api", version = "1.0", parent = new { uuid = Uuid(product) } });

        var rows = (await _client.GetFromJsonAsync<JsonArray>("/api/v1/project?onlyRoot=true"))!;

        var row = rows.Single()!.AsObject();
        Assert.Equal(Uuid(product), Uuid(row));
        Assert.Equal([Uuid(api)], row["children"]!.AsArray().Select(c => Uuid(c!.AsObject())));
    }

    [Fact]
    public async Task An_uploaded_boms_metadata_describes_the_project_but_never_renames_it()
    {
        var project = await CreateAsync(new { name = "billing", version = "1.0", description = "Invoices", group = "com.billing", publisher = "Old" });

        await BomApi.WaitUntilProcessedAsync(_client, await BomApi.TokenAsync(await BomApi.PutAsync(_client, DescribedBom, "billing")));

        var read = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/project/{Uuid(project)}"))!;
        Assert.Equal(("billing", "1.0", "Invoices", "com.billing"), (Text(read, "name"), Text(read, "version"), Text(read, "description"), Text(read, "group")));
        Assert.Equal(("Acme Publishing", "cpe:2.3:a:acme:payments:2.0:*:*:*:*:*:*:*", "swidgen-payments-2.0", "CONTAINER"),
            (Text(read, "publisher"), Text(read, "cpe"), Text(read, "swidTagId"), Text(read, "classifier")));
        Assert.Equal("""[{"name":"Ann Author"},{"name":"Bob Builder","email":"bob@example.com"}]""", read["authors"]!.ToJsonString());
        Assert.Equal("""{"name":"Acme","urls":["https://acme.example.com"]}""", read["supplier"]!.ToJsonString());
        Assert.Equal("""{"name":"Acme Legacy"}""", read["manufacturer"]!.ToJsonString());
        Assert.Equal("""[{"type":"vcs","url":"https://git.example.com/payments"},{"type":"other","url":"https://example.com/x"}]""",
            read["externalReferences"]!.ToJsonString());
        Assert.Equal("""{"supplier":{"name":"Acme Supply"},"authors":[{"name":"Build Bot"}],"tools":{"components":[{"group":"cyclonedx","name":"cdxgen","version":"11.0.0"}]}}""",
            read["metadata"]!.ToJsonString());
        var imported = DateTimeOffset.FromUnixTimeMilliseconds(read["lastBomImport"]!.GetValue<long>()).UtcDateTime;
        Assert.Equal(imported.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Text(read, "lastBomImportStr"));
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy: null);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string DescribedBom = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {
          "authors": [{"name": "Build Bot"}], "supplier": {"name": "Acme Supply"}, "manufacture": {"name": "Acme Legacy"},
          "tools": [{"vendor": "cyclonedx", "name": "cdxgen", "version": "11.0.0"}],
          "component": {"type": "container", "name": "payments", "version": "2.0", "group": "com.acme", "description": "Payments",
            "author": "Ann Author", "authors": [{"name": "Bob Builder", "email": "bob@example.com"}], "publisher": "Acme Publishing",
            "supplier": {"name": "Acme", "url": ["https://acme.example.com"]},
            "externalReferences": [{"type": "vcs", "url": "https://git.example.com/payments"}, {"type": "future-kind", "url": "https://example.com/x"}],
            "cpe": "cpe:2.3:a:acme:payments:2.0:*:*:*:*:*:*:*", "swid": {"tagId": "swidgen-payments-2.0", "name": "payments"}}},
         "components": [{"type": "library", "name": "lodash", "version": "4.17.4", "purl": "pkg:npm/lodash@4.17.4"}]}
        """;

    private async Task<JsonObject> CreateAsync(object project)
    {
        var response = await _client.PutAsJsonAsync("/api/v1/project", project);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string Uuid(JsonObject project) => project["uuid"]!.GetValue<string>();

    private static string? Text(JsonObject project, string field) => project[field]?.GetValue<string>();
}

public sealed class ProjectFieldsOnSqlite() : ProjectFieldTests(StorageKind.Sqlite);

public sealed class ProjectFieldsOnPostgres() : ProjectFieldTests(StorageKind.Postgres);
