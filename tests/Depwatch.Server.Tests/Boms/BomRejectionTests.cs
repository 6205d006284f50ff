using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Auth;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Sboms;

namespace Depwatch.Server.Tests.Boms;

/// <summary>Uploads that are refused: each gets a clear answer and changes nothing.</summary>
public abstract class BomRejectionTests(StorageKind storage) : IAsyncLifetime
{
    private const int MaxRequestBytes = 16 * 1024;

    private const string Xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&xxe;</name></component></components></bom>
        """;

    private DepwatchApplication _app = null!;

    public static TheoryData<string, string, string, string> InvalidBoms => new()
    {
        { "PUT", "malformed JSON", """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a",}]}""", "$.components[0]" },
        { "POST", "malformed JSON", """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a",}]}""", "$.components[0]" },
        { "PUT", "SPDX, not CycloneDX", """{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"x"}""", "bomFormat is missing" },
        { "POST", "SPDX, not CycloneDX", """{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"x"}""", "bomFormat is missing" },
        { "PUT", "XML with an external entity", Xxe, "DTDs are not allowed" },
        { "POST", "XML with an external entity", Xxe, "DTDs are not allowed" },
        { "PUT", "neither JSON nor XML", "name,version\nlodash,4.17.20\n", "expected JSON or XML" },
        { "POST", "a component without a name", """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library"}]}""", "component has no name (at $.components[0])" },
    };

    [Theory]
    [MemberData(nameof(InvalidBoms))]
    public async Task An_invalid_bom_is_rejected_naming_the_problem_and_nothing_is_created(string method, string what, string bom, string named)
    {
        var client = _app.CreateClient();

        var response = method == "PUT" ? await BomApi.PutAsync(client, bom, "never-created") : await BomApi.PostAsync(client, bom, "never-created");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: answered {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("The uploaded BOM is invalid", problem["title"]!.GetValue<string>());
        Assert.Contains(named, problem["detail"]!.GetValue<string>());
        Assert.Contains(named, Assert.Single(problem["errors"]!.AsArray())!.GetValue<string>());
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task Malformed_requests_are_rejected_with_what_to_fix()
    {
        var client = _app.CreateClient();
        var valid = Convert.ToBase64String(Encoding.UTF8.GetBytes(SmallBom()));

        await AssertProblemAsync(await client.PutAsJsonAsync("/api/v1/bom", new { projectName = "p", autoCreate = true, bom = "not base64 at all!" }), "Base64");
        await AssertProblemAsync(await client.PutAsJsonAsync("/api/v1/bom", new { projectName = "p", autoCreate = true }), "bom field is missing");
        await AssertProblemAsync(await client.PutAsJsonAsync("/api/v1/bom", new { autoCreate = true, bom = valid }), "projectName");
        await AssertProblemAsync(await client.PutAsJsonAsync("/api/v1/bom", new { projectName = new string('n', 256), autoCreate = true, bom = valid }), "longer than 255");
        await AssertProblemAsync(await client.PutAsync("/api/v1/bom", JsonContent("""{"projectName": "p", "bom": """)), "could not be mapped");
        await AssertProblemAsync(await client.PutAsync("/api/v1/bom", JsonContent($$"""{"project": "nope", "bom": "{{valid}}"}""")), "could not be mapped");
        var badProject = new MultipartFormDataContent { { new StringContent("nope"), "project" }, { new StringContent(SmallBom()), "bom", "bom.json" } };
        await AssertProblemAsync(await client.PostAsync("/api/v1/bom", badProject), "Illegal argument provided");
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task An_unknown_project_without_auto_create_is_not_found()
    {
        var client = _app.CreateClient();

        var byName = await BomApi.PutAsync(client, SmallBom(), "unknown", autoCreate: false);
        var byNameMultipart = await BomApi.PostAsync(client, SmallBom(), "unknown", autoCreate: false);
        var byUuid = await client.PutAsJsonAsync("/api/v1/bom", new
        {
            project = Guid.NewGuid(), autoCreate = true, projectName = "ignored", bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(SmallBom())),
        });

        foreach (var response in new[] { byName, byNameMultipart, byUuid })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("The project could not be found.", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_by_both_endpoints_even_without_a_declared_length()
    {
        var client = _app.CreateClient();
        var large = LargeBom(MaxRequestBytes);

        var put = await BomApi.PutAsync(client, large, "too-large");
        var post = await BomApi.PostAsync(client, large, "too-large");
        var chunked = JsonContent(
            $$"""{"projectName":"too-large","autoCreate":true,"bom":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(large))}}"}""");
        chunked.Headers.ContentLength = null;
        var streamed = await client.PutAsync("/api/v1/bom", chunked);

        foreach (var response in new[] { put, post, streamed })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Contains("Depwatch:MaxRequestBytes", problem["detail"]!.GetValue<string>());
        }
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));
        Assert.Equal(HttpStatusCode.OK, (await BomApi.PutAsync(client, SmallBom(), "small-enough")).StatusCode);
    }

    [Fact]
    public async Task Uploads_need_a_key_and_bom_upload()
    {
        var anonymous = _app.CreateClient(apiKey: null);
        var viewer = await BomApi.ClientWithAsync(_app, Permissions.ViewPortfolio, Permissions.PortfolioManagement);

        Assert.Equal(HttpStatusCode.Unauthorized, (await BomApi.PutAsync(anonymous, SmallBom(), "p")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await BomApi.PostAsync(anonymous, SmallBom(), "p")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await BomApi.PutAsync(viewer, SmallBom(), "p")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await BomApi.PostAsync(viewer, SmallBom(), "p")).StatusCode);
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));
    }

    [Fact]
    public async Task Auto_create_needs_project_creation_upload_or_portfolio_management()
    {
        var uploader = await BomApi.ClientWithAsync(_app, Permissions.BomUpload);
        var creator = await BomApi.ClientWithAsync(_app, Permissions.BomUpload, Permissions.ProjectCreationUpload);
        var manager = await BomApi.ClientWithAsync(_app, Permissions.BomUpload, Permissions.PortfolioManagement);

        var refused = await BomApi.PutAsync(uploader, SmallBom(), "new-project");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("The principal does not have permission to create project.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await BomApi.PostAsync(uploader, SmallBom(), "new-project")).StatusCode);
        Assert.Equal((0, 0), await BomApi.CountAsync(_app));

        await BomApi.TokenAsync(await BomApi.PutAsync(creator, SmallBom(), "new-project"));
        await BomApi.TokenAsync(await BomApi.PostAsync(manager, SmallBom(), "another-new-project"));
        Assert.NotNull(await BomApi.ProjectAsync(_app, "new-project"));
        Assert.NotNull(await BomApi.ProjectAsync(_app, "another-new-project"));
        // An existing project needs no creation permission.
        await BomApi.TokenAsync(await BomApi.PutAsync(uploader, SmallBom(), "new-project"));
    }

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(
        storage, new Dictionary<string, string?> { ["Depwatch:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string SmallBom() => new BomBuilder("1.6").WithComponent("lodash", "4.17.20", purl: "pkg:npm/lodash@4.17.20").ToJson();

    private static string LargeBom(int atLeastBytes)
    {
        var builder = new BomBuilder("1.6");
        for (var index = 0; builder.ToJson().Length < atLeastBytes; index++)
        {
            builder.WithComponent($"package-{index}", "1.0.0", purl: $"pkg:npm/package-{index}@1.0.0");
        }
        return builder.ToJson();
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, string named)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {body}");
        Assert.Contains(named, body);
    }
}

public sealed class BomRejectionOnSqlite() : BomRejectionTests(StorageKind.Sqlite);

public sealed class BomRejectionOnPostgres() : BomRejectionTests(StorageKind.Postgres);
