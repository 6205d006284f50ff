using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;
using Xunit.Abstractions;

namespace Depwatch.Server.Tests.Hardening;

/// <summary>
/// Hostile input against the real server process, analysing with the real Trivy server, on each database: every input
/// is answered with a 4xx naming the problem, or processed (ingested and analysed); none gets a 5xx or a reset
/// connection, the server keeps serving, and a normal upload of the project the bad ones went to is processed after them.
/// </summary>
public abstract class BadInputCorpusTests(StorageKind storage, TrivyServerFixture trivy, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminKey = "dwk_Corpus01_0123456789abcdefghijABCDEFGHIJKL";
    private const string Project = "corpus";
    private const long MaxRequestBytes = 50L * 1024 * 1024;

    private ServerProcessStorage _storage = null!;
    private DepwatchServerProcess _server = null!;
    private HttpClient _http = null!;

    [Fact]
    public async Task Every_bad_input_is_refused_naming_the_problem_or_processed_and_the_project_takes_later_uploads()
    {
        await UploadAndWaitAsync(Bom(new BomBuilder("1.6").WithComponent("first", "1", purl: "pkg:npm/first@1")));
        var projectUuid = (await LookupAsync(Project, "1.0"))["uuid"]!.GetValue<string>();
        var problems = new List<string>();

        foreach (var input in BomDocuments().Concat(UploadFields()).Concat(QueryParameters(projectUuid)).Concat(JsonBodies(projectUuid)).Concat(Oversized()))
        {
            var problem = await AnswerProblemAsync(input);
            output.WriteLine($"{(problem is null ? "ok  " : "FAIL")} {input.What}{(problem is null ? "" : $": {problem}")}");
            if (problem is not null)
            {
                problems.Add($"{input.What}: {problem}");
            }
        }

        Assert.Empty(problems);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("health/ready")).StatusCode);
        await UploadAndWaitAsync(Bom(new BomBuilder("1.6").WithComponent("lodash", "4.17.4", purl: "pkg:npm/lodash@4.17.4")));
        var components = await _http.GetFromJsonAsync<JsonArray>($"api/v1/component/project/{projectUuid}");
        Assert.Equal(["lodash"], components!.Select(c => c!["name"]!.GetValue<string>()));
        var findings = await _http.GetFromJsonAsync<JsonArray>($"api/v1/finding/project/{projectUuid}");
        Assert.Equal(["CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"], findings!.Select(f => f!["vulnerability"]!["vulnId"]!.GetValue<string>()).Order());
        Assert.DoesNotContain("An unhandled exception has occurred", _server.Output);
    }

    /// <summary>Why the answer to <paramref name="input"/> is wrong, or null when it is right.</summary>
    private async Task<string?> AnswerProblemAsync(BadInput input)
    {
        HttpResponseMessage response;
        try
        {
            response = await input.Send(_http);
        }
        catch (HttpRequestException e)
        {
            return $"no answer ({e.InnerException?.Message ?? e.Message})";
        }
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (input.Named is { } named)
        {
            return status is >= 400 and < 500 && body.Contains(named, StringComparison.Ordinal)
                ? null
                : $"expected a 4xx naming '{named}', got {status}: {Shorten(body)}";
        }
        if (status != 200)
        {
            return $"expected it processed, got {status}: {Shorten(body)}";
        }
        var token = JsonNode.Parse(body)!["token"]!.GetValue<string>();
        if (!await ProcessedAsync(token))
        {
            return $"token {token} still processing after 60 s";
        }
        var project = await LookupAsync(input.Project!, "1.0");
        return project["lastAnalysisState"]?.GetValue<string>() == "SUCCEEDED"
            ? null
            : $"processed, but the project reads {project["lastAnalysisState"]}: {project["lastAnalysisError"]}";
    }

    private static IEnumerable<BadInput> BomDocuments()
    {
        foreach (var row in BomRejectionTests.InvalidBoms)
        {
            var (method, what, bom, named) = ((string)row[0], (string)row[1], (string)row[2], (string)row[3]);
            yield return Upload($"{method} {what}", bom, named, method);
        }
        var random = new Random(20261203);
        var cjk = new string([.. Enumerable.Range(0, 1000).Select(_ => (char)random.Next(0x4E00, 0x9FFF))]);
        var emoji = string.Concat(Enumerable.Repeat("😀", 700));
        foreach (var (field, control) in new[] { ("name", '\0'), ("version", '\0'), ("group", '\0'), ("bom-ref", '\0'), ("purl", '\0'), ("name", '\u0001'), ("version", '\u007f'), ("name", '\u0085') })
        {
            var component = new Dictionary<string, string> { ["name"] = "a", ["version"] = "1", ["group"] = "g", ["bom-ref"] = "r", ["purl"] = "pkg:npm/a@1" };
            component[field] = $"x{control}y";
            var named = $"the component's {field} contains a control character (U+{(int)control:X4}) at position 2";
            foreach (var method in new[] { "PUT", "POST" })
            {
                yield return Upload($"{method} U+{(int)control:X4} in a component's {field}", Document(component), named, method);
            }
        }
        yield return Upload("NUL in the metadata component's purl",
            Bom(new BomBuilder("1.6").WithMetadataComponent("app", purl: "pkg:npm/app\u0000@1").WithComponent("a", "1")), "the component's purl contains");
        yield return Upload("XML with a NUL character reference", Xml("a&#0;b"), "malformed XML");
        yield return Upload("XML with a control character reference", Xml("a&#1;b"), "malformed XML");
        yield return Upload("1,000 CJK characters in a name (3,000 bytes)", Bom(new BomBuilder("1.6").WithComponent(cjk, "1")), null);
        yield return Upload("1,000 CJK characters in a purl's name", Bom(new BomBuilder("1.6").WithComponent("a", "1", purl: $"pkg:npm/{cjk}@1")), null);
        yield return Upload("700 emoji in a name (2,800 bytes)", Bom(new BomBuilder("1.6").WithComponent(emoji, "1", purl: $"pkg:generic/{emoji}@1")), null);
        yield return Upload("a name of 100,000 characters", Bom(new BomBuilder("1.6").WithComponent(new string('n', 100_000), "1")), null);
        yield return Upload("NUL and line breaks in a property, stored as they are",
            Bom(new BomBuilder("1.6").WithComponent("a", "1", properties: [new("x\u0000", "line\nbreak\u0000")])), null);
    }

    private static IEnumerable<BadInput> UploadFields()
    {
        var bom = Bom(new BomBuilder("1.6").WithComponent("a", "1"));
        var cjk = new string('漢', 255);
        yield return Field("projectName with NUL", new { projectName = "p\u0000", autoCreate = true }, "The projectName contains a control character (U+0000)");
        yield return Field("projectName of 256 characters", new { projectName = new string('p', 256), autoCreate = true }, "The projectName is longer than 255 characters");
        yield return Field("projectName of 1,000 CJK characters (3,000 bytes)", new { projectName = new string('漢', 1000), autoCreate = true },
            "The projectName is longer than 255 characters");
        yield return Field("projectVersion with NUL", new { projectName = Project, projectVersion = "1\u0000" }, "The projectVersion contains a control character");
        yield return Field("projectVersion of 256 characters", new { projectName = Project, projectVersion = new string('v', 256), autoCreate = true }, "The projectVersion is longer than 255");
        yield return Field("a tag with NUL", new { projectName = Project, projectVersion = "1.0", projectTags = new[] { new { name = "t\u0000" } } }, "A tag contains a control character");
        yield return Field("parentName with NUL", new { projectName = "child", autoCreate = true, parentName = "p\u0000" }, "The parentName contains a control character");
        yield return new BadInput("a project of 255 CJK characters (765 bytes) and a version of 255", http =>
            http.PutAsJsonAsync("api/v1/bom", new { projectName = cjk, projectVersion = "1.0", autoCreate = true, bom = Base64(bom) }), null, cjk);
        yield return new BadInput("multipart projectName with U+0001", http => http.PostAsync("api/v1/bom", new MultipartFormDataContent
        {
            { new StringContent("p\u0001"), "projectName" }, { new StringContent("true"), "autoCreate" }, { new StringContent(bom), "bom", "bom.json" },
        }), "The projectName contains a control character (U+0001)");

        BadInput Field(string what, object fields, string named)
        {
            var body = JsonSerializer(fields);
            body["bom"] = Base64(bom);
            return new BadInput($"PUT /api/v1/bom: {what}", http => http.PutAsJsonAsync("api/v1/bom", body), named);
        }
    }

    private static IEnumerable<BadInput> QueryParameters(string projectUuid)
    {
        foreach (var (what, path, named) in new[]
        {
            ("lookup name with NUL", "api/v1/project/lookup?name=a%00b&version=1", "The query parameter name contains a control character (U+0000)"),
            ("lookup version with NUL", "api/v1/project/lookup?name=a&version=%00", "The query parameter version contains a control character"),
            ("project searchText with NUL", "api/v1/project?searchText=a%00", "The query parameter searchText contains"),
            ("project name with NUL", "api/v1/project?name=a%00", "The query parameter name contains"),
            ("finding source with NUL", $"api/v1/finding/project/{projectUuid}?source=NVD%00", "The query parameter source contains"),
            ("component searchText with U+0001", $"api/v1/component/project/{projectUuid}?searchText=%01", "The query parameter searchText contains"),
            ("a parameter name with NUL", "api/v1/project?na%00me=a", "A query parameter's name contains"),
            ("a tag in the path with U+0001", "api/v1/project/tag/a%01b", "The path contains a control character (U+0001)"),
            ("a vulnerability id in the path with U+001F", "api/v1/vulnerability/source/NVD/vuln/CVE%1F1", "The path contains a control character"),
        })
        {
            yield return new BadInput($"GET {what}", http => http.GetAsync(path), named);
        }
    }

    private static IEnumerable<BadInput> JsonBodies(string projectUuid)
    {
        yield return Put("project name with NUL", new { name = "a\u0000" }, "\"path\":\"name\"");
        yield return Put("project name of 1,000 CJK characters", new { name = new string('漢', 1000) }, "\"path\":\"name\"");
        yield return Put("project version with NUL", new { name = "v", version = "1\u0000" }, "The version contains a control character");
        yield return Put("project version of 256 characters", new { name = "v", version = new string('v', 256) }, "The version is longer than 255");
        yield return Put("project description with NUL", new { name = "d", description = "a\u0000" }, "The description contains a NUL character");
        yield return Put("project purl with NUL", new { name = "u", purl = "pkg:npm/a\u0000" }, "The purl contains a control character");
        yield return Put("project tag with NUL", new { name = "t", tags = new[] { new { name = "t\u0000" } } }, "A tag contains a control character");
        yield return new BadInput("PATCH project version with NUL",
            http => http.PatchAsJsonAsync($"api/v1/project/{projectUuid}", new { version = "2\u0000" }), "The version contains a control character");
        yield return new BadInput("PUT team name with NUL", http => http.PutAsJsonAsync("api/v1/team", new { name = "t\u0000" }), "must not contain control characters");
        yield return new BadInput("POST config property value with NUL", http => http.PostAsJsonAsync("api/v1/configProperty",
            new { groupName = "scanner", propertyName = "trivy.base.url", propertyValue = "http://t\u0000" }), "must not contain control characters");

        static BadInput Put(string what, object project, string named) =>
            new($"PUT {what}", http => http.PutAsJsonAsync("api/v1/project", project), named);
    }

    private static IEnumerable<BadInput> Oversized()
    {
        const string Named = "Depwatch:MaxRequestBytes";
        var size = (int)(MaxRequestBytes + (10 * 1024 * 1024));
        yield return new BadInput("POST config property of 60 MB", http => http.PostAsync("api/v1/configProperty",
            new StringContent($$"""{"groupName":"scanner","propertyName":"trivy.base.url","propertyValue":"{{new string('x', size)}}"}""", Encoding.UTF8, "application/json")), Named);
        yield return new BadInput("PUT project of 60 MB, chunked", http =>
        {
            var content = new StringContent($$"""{"name":"big","description":"{{new string('x', size)}}"}""", Encoding.UTF8, "application/json");
            content.Headers.ContentLength = null;
            return http.PutAsync("api/v1/project", content);
        }, Named);
        yield return new BadInput("PUT BOM of 60 MB", http => http.PutAsync("api/v1/bom",
            new StringContent($$"""{"projectName":"{{Project}}","bom":"{{new string('A', size)}}"}""", Encoding.UTF8, "application/json")), Named);
        yield return new BadInput("POST the sign-in form with 60 MB", http => http.PostAsync("Login",
            new FormUrlEncodedContent([new("UserName", "admin"), new("Password", new string('x', size))])), Named);
        // As a browser sends a form: with its length, which is refused before the sign-in is even looked at.
        yield return new BadInput("POST the portfolio's upload form with 60 MB", http => http.PostAsync("?handler=Upload",
            new MultipartFormDataContent { { new StringContent(Project), "ProjectName" }, { new ByteArrayContent(new byte[size]), "Bom", "bom.json" } }), Named);
        yield return new BadInput("GET with a body of 60 MB", http => http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/v1/project")
        {
            Content = new ByteArrayContent(new byte[size]),
        }), Named);
    }

    private static BadInput Upload(string what, string bom, string? named, string method = "PUT") => new(
        what, http => method == "PUT" ? BomApi.PutAsync(http, bom, Project) : BomApi.PostAsync(http, bom, Project), named, named is null ? Project : null);

    private static string Bom(BomBuilder builder) => builder.ToJson();

    private static string Document(Dictionary<string, string> component) => new JsonObject
    {
        ["bomFormat"] = "CycloneDX",
        ["specVersion"] = "1.6",
        ["components"] = new JsonArray(new JsonObject(component.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value))))),
    }.ToJsonString();

    private static string Xml(string name) =>
        $"""<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>{name}</name></component></components></bom>""";

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static JsonObject JsonSerializer(object fields) => System.Text.Json.JsonSerializer.SerializeToNode(fields)!.AsObject();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private async Task<bool> ProcessedAsync(string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = await _http.GetFromJsonAsync<JsonObject>($"api/v1/event/token/{token}");
            if (!status!["processing"]!.GetValue<bool>())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    private async Task UploadAndWaitAsync(string bom)
    {
        var token = await BomApi.TokenAsync(await BomApi.PutAsync(_http, bom, Project));
        Assert.True(await ProcessedAsync(token.ToString()), $"token {token} still processing:\n{_server.Output}");
    }

    private async Task<JsonObject> LookupAsync(string name, string version) =>
        (await _http.GetFromJsonAsync<JsonObject>($"api/v1/project/lookup?name={Uri.EscapeDataString(name)}&version={version}"))!;

    public async Task InitializeAsync()
    {
        _storage = await ServerProcessStorage.CreateAsync(storage);
        _server = await _storage.StartAsync(AdminKey, trivy, new Dictionary<string, string?>
        {
            ["Depwatch__Analysis__PollInterval"] = "00:00:00.100",
            ["Depwatch__Analysis__RetryBaseDelay"] = "00:00:00.200",
        });
        _http = new HttpClient { BaseAddress = _server.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _storage.DisposeAsync();
    }

    /// <param name="Named">What the 4xx answer must name; null when the input must be processed.</param>
    /// <param name="Project">The project an input to be processed is uploaded to.</param>
    private sealed record BadInput(string What, Func<HttpClient, Task<HttpResponseMessage>> Send, string? Named, string? Project = null);
}

[Collection(TrivyCollection.Name)]
public sealed class BadInputCorpusOnSqlite(TrivyServerFixture trivy, ITestOutputHelper output) : BadInputCorpusTests(StorageKind.Sqlite, trivy, output);

[Collection(TrivyCollection.Name)]
public sealed class BadInputCorpusOnPostgres(TrivyServerFixture trivy, ITestOutputHelper output) : BadInputCorpusTests(StorageKind.Postgres, trivy, output);
