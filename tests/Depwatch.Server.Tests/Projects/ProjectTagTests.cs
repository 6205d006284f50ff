using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Auth;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Sboms;

namespace Depwatch.Server.Tests.Projects;

/// <summary>Project tags and the BOM's own description of the project, as Dependency-Track pipelines set them.</summary>
public abstract class ProjectTagTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _admin = null!;

    [Fact]
    public async Task Tags_of_an_upload_that_creates_its_project_are_kept_trimmed_and_lower_case()
    {
        var json = await UploadJsonAsync(_admin, "billing", ["Team-A", " team-a ", "backend", ""]);
        var form = await UploadFormAsync(_admin, "shop", "frontend, ,Team-A ");

        await BomApi.WaitUntilProcessedAsync(_admin, json);
        await BomApi.WaitUntilProcessedAsync(_admin, form);
        Assert.Equal(["backend", "team-a"], Tags(await LookupAsync("billing")));
        Assert.Equal(["frontend", "team-a"], Tags(await LookupAsync("shop")));
    }

    [Fact]
    public async Task Projects_are_found_by_tag_whatever_its_case()
    {
        await CreateAsync(new { name = "billing", version = "1.0", tags = new[] { new { name = "Team-A" } } });
        await CreateAsync(new { name = "shop", version = "1.0", tags = new[] { new { name = "team-a" }, new { name = "web" } } });
        await CreateAsync(new { name = "tools", version = "1.0" });

        var response = await _admin.GetAsync("/api/v1/project/tag/TEAM-A");
        var web = await _admin.GetFromJsonAsync<JsonArray>("/api/v1/project/tag/web");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var teamA = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(["billing", "shop"], teamA.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("2", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(["shop"], web!.Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["team-a", "web"], Tags(web![0]!.AsObject()));
    }

    [Fact]
    public async Task An_uploads_tags_replace_an_existing_projects_only_with_portfolio_management()
    {
        await BomApi.WaitUntilProcessedAsync(_admin, await UploadJsonAsync(_admin, "billing", ["old"]));
        var pipeline = await BomApi.ClientWithAsync(_app, Permissions.BomUpload);
        var manager = await BomApi.ClientWithAsync(_app, Permissions.BomUpload, Permissions.PortfolioManagement);

        var ignored = await UploadJsonAsync(pipeline, "billing", ["sneaky"]);
        await BomApi.WaitUntilProcessedAsync(_admin, ignored);
        var afterPipeline = Tags(await LookupAsync("billing"));
        var replaced = await UploadJsonAsync(manager, "billing", ["new", "Other"]);
        await BomApi.WaitUntilProcessedAsync(_admin, replaced);

        Assert.Equal(["old"], afterPipeline);
        Assert.Equal(["new", "other"], Tags(await LookupAsync("billing")));
    }

    [Fact]
    public async Task Concurrent_uploads_that_retag_one_project_are_all_accepted_and_one_uploads_tags_win()
    {
        await BomApi.WaitUntilProcessedAsync(_admin, await UploadJsonAsync(_admin, "billing", ["start"]));
        var tagSets = Enumerable.Range(0, 16).Select(n => new[] { "shared", $"run-{n}" }).ToArray();

        var tokens = await Task.WhenAll(tagSets.Select(tags => UploadJsonAsync(_admin, "billing", tags)));
        foreach (var token in tokens)
        {
            await BomApi.WaitUntilProcessedAsync(_admin, token);
        }

        var final = Tags(await LookupAsync("billing"));
        Assert.Contains(tagSets, tags => tags.Order(StringComparer.Ordinal).SequenceEqual(final));
    }

    [Fact]
    public async Task The_project_list_filter_matches_part_of_a_name_or_a_whole_tag()
    {
        await CreateAsync(new { name = "billing", version = "1.0", tags = new[] { new { name = "payments" } } });
        await CreateAsync(new { name = "payments-gateway", version = "1.0" });
        await CreateAsync(new { name = "shop", version = "1.0", tags = new[] { new { name = "payments-team" } } });

        var found = await _admin.GetFromJsonAsync<JsonArray>("/api/v1/project?searchText=PAYMENTS");

        Assert.Equal(["billing", "payments-gateway"], found!.Select(p => p!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task More_than_a_hundred_tags_are_refused_and_nothing_is_created()
    {
        var tags = Enumerable.Range(0, 101).Select(n => $"tag-{n}").ToArray();

        var upload = await _admin.PutAsJsonAsync("/api/v1/bom", new
        {
            projectName = "billing",
            projectVersion = "1.0",
            autoCreate = true,
            projectTags = tags.Select(name => new { name }),
            bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(Bom())),
        });
        var project = await _admin.PutAsJsonAsync("/api/v1/project", new { name = "shop", tags = tags.Select(name => new { name }) });

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("A project carries at most 100 tags; 101 were given.", await upload.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, project.StatusCode);
        Assert.Contains("A project carries at most 100 tags; 101 were given.", await project.Content.ReadAsStringAsync());
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task An_upload_without_tags_leaves_the_projects_tags_alone()
    {
        await BomApi.WaitUntilProcessedAsync(_admin, await UploadJsonAsync(_admin, "billing", ["team-a"]));

        await BomApi.WaitUntilProcessedAsync(_admin, await BomApi.TokenAsync(await BomApi.PutAsync(_admin, Bom(), "billing")));

        Assert.Equal(["team-a"], Tags(await LookupAsync("billing")));
    }

    [Fact]
    public async Task A_tag_longer_than_255_characters_is_refused_and_nothing_is_created()
    {
        var response = await _admin.PutAsJsonAsync("/api/v1/bom", new
        {
            projectName = "billing",
            projectVersion = "1.0",
            autoCreate = true,
            projectTags = new[] { new { name = new string('t', 256) } },
            bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(Bom())),
        });
        var project = await _admin.PutAsJsonAsync("/api/v1/project", new { name = "shop", tags = new[] { new { name = new string('t', 256) } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 255 characters", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, project.StatusCode);
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task The_boms_metadata_component_sets_the_projects_classifier_and_purl_but_not_its_name_or_version()
    {
        var bom = new BomBuilder("1.6")
            .WithMetadataComponent("payments-service", "9.9.9", purl: "pkg:oci/payments-service@sha256%3Aabc", type: "container")
            .WithComponent("lodash", "4.17.4", purl: "pkg:npm/lodash@4.17.4")
            .ToJson();

        await BomApi.WaitUntilProcessedAsync(_admin, await BomApi.TokenAsync(await BomApi.PutAsync(_admin, bom, "billing")));
        var described = await LookupAsync("billing");
        await BomApi.WaitUntilProcessedAsync(_admin, await BomApi.TokenAsync(await BomApi.PutAsync(_admin, Bom(), "billing")));
        var afterBomWithoutMetadata = await LookupAsync("billing");

        // Stored in canonical form, as components' purls are.
        Assert.Equal(("billing", "1.0", "CONTAINER", "pkg:oci/payments-service@sha256:abc"), Description(described));
        Assert.Equal(Description(described), Description(afterBomWithoutMetadata));
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy: null);
        _admin = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Bom() => TestBoms.Npm(("lodash", "4.17.4"));

    private static async Task<Guid> UploadJsonAsync(HttpClient client, string name, string[] tags) =>
        await BomApi.TokenAsync(await client.PutAsJsonAsync("/api/v1/bom", new
        {
            projectName = name,
            projectVersion = "1.0",
            autoCreate = true,
            projectTags = tags.Select(t => new { name = t }),
            bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(Bom())),
        }));

    private static async Task<Guid> UploadFormAsync(HttpClient client, string name, string tags)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(name), "projectName" },
            { new StringContent("1.0"), "projectVersion" },
            { new StringContent("true"), "autoCreate" },
            { new StringContent(tags), "projectTags" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Bom())), "bom", "bom.json" },
        };
        return await BomApi.TokenAsync(await client.PostAsync("/api/v1/bom", form));
    }

    private async Task CreateAsync(object project) =>
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsJsonAsync("/api/v1/project", project)).StatusCode);

    private async Task<JsonObject> LookupAsync(string name) =>
        (await _admin.GetFromJsonAsync<JsonObject>($"/api/v1/project/lookup?name={name}&version=1.0"))!;

    private static List<string> Tags(JsonObject project) => [.. project["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>())];

    private static (string, string, string, string?) Description(JsonObject project) => (
        project["name"]!.GetValue<string>(), project["version"]!.GetValue<string>(), project["classifier"]!.GetValue<string>(),
        project["purl"]?.GetValue<string>());
}

public sealed class ProjectTagsOnSqlite() : ProjectTagTests(StorageKind.Sqlite);

public sealed class ProjectTagsOnPostgres() : ProjectTagTests(StorageKind.Postgres);
