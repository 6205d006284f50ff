using System.Net;
using System.Net.Http.Json;
using Depwatch.Web.Tests.Support;

namespace Depwatch.Web.Tests;

/// <summary>
/// The teams and project forms over plain HTTP: who may open them, the API's validation next to the fields, and a
/// panel left out for want of a permission naming that permission.
/// </summary>
public sealed class ManagementPagesTests : IAsyncLifetime
{
    private WebUiApplication _app = null!;
    private ApiClient _api = null!;

    [Fact]
    public async Task Teams_and_project_forms_are_refused_without_their_permissions()
    {
        await _app.CreateViewerAsync();
        using var viewer = await _app.SignedInClientAsync(Users.Viewer);
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());

        foreach (var path in new[] { "/admin/teams", $"/projects/edit/{project}", "/projects/edit" })
        {
            AssertSentToAccessDenied((await viewer.GetAsync(path)).Location);
        }
        var token = await viewer.FormTokenAsync($"/projects/{project}");
        using var delete = await viewer.PostAsync($"/projects/edit/{project}?handler=Delete", [], token);
        AssertSentToAccessDenied(delete.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/projects/{project}")).Status);
    }

    [Fact]
    public async Task A_project_field_the_API_refuses_is_named_next_to_it_and_nothing_is_written()
    {
        await _app.CreateRootAsync();
        using var root = await _app.SignedInClientAsync(Users.Root);
        var token = await root.FormTokenAsync("/projects/edit");

        var response = await root.PostAsync("/projects/edit",
            [new("Form.Name", "shop"), new("Form.Purl", "pkg:npm/shop\u0001"), new("Form.Classifier", "APPLICATION"), new("Form.Active", "true")], token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The purl", Html.TextOf(html, "Form_Purl-error"), StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", Html.ElementWithId(html, "Form_Purl"), StringComparison.Ordinal);
        Assert.Equal("[]", (await _api.GetJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/project")).ToJsonString());

        response = await root.PostAsync("/projects/edit",
            [new("Form.Name", "shop"), new("Form.Version", "2.0"), new("Form.Tags", "Team-A, ,payments"), new("Form.Classifier", "LIBRARY"),
             new("Form.Active", "true"), new("Form.IsLatest", "true")], token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await _api.GetJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/project/latest/shop");
        Assert.Equal("2.0", (string?)created["version"]);
        Assert.Equal("LIBRARY", (string?)created["classifier"]);
        Assert.Equal("[{\"name\":\"payments\"},{\"name\":\"team-a\"}]", created["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task Editing_a_project_keeps_the_API_fields_the_form_does_not_show()
    {
        await _app.CreateRootAsync();
        using var root = await _app.SignedInClientAsync(Users.Root);
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());
        using var patched = await _api.Http.PatchAsJsonAsync($"/api/v1/project/{project}", new
        {
            group = "acme", cpe = "cpe:2.3:a:acme:shop:1.0.0:*:*:*:*:*:*:*", authors = new[] { new { name = "Ada" } },
            supplier = new { name = "Acme Ltd" }, externalReferences = new[] { new { type = "vcs", url = "https://git.example/shop" } },
        });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var token = await root.FormTokenAsync($"/projects/edit/{project}");

        var response = await root.PostAsync($"/projects/edit/{project}",
            [new("Form.Name", "shop"), new("Form.Version", "1.0.0"), new("Form.Description", "The web shop"), new("Form.Classifier", "APPLICATION"),
             new("Form.Active", "true")], token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edited = await _api.GetJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/project/{project}");
        Assert.Equal("The web shop", (string?)edited["description"]);
        Assert.Equal("acme", (string?)edited["group"]);
        Assert.Equal("cpe:2.3:a:acme:shop:1.0.0:*:*:*:*:*:*:*", (string?)edited["cpe"]);
        Assert.Equal("Ada", (string?)edited["authors"]![0]!["name"]);
        Assert.Equal("Acme Ltd", (string?)edited["supplier"]!["name"]);
        Assert.Equal("https://git.example/shop", (string?)edited["externalReferences"]![0]!["url"]);
    }

    [Fact]
    public async Task A_user_missing_a_permission_is_told_which_one_each_missing_panel_needs()
    {
        await _app.CreateViewerAsync();
        await _app.CreateUserAsync("reader", Users.Password, "VIEW_PORTFOLIO");
        var project = await _api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop());

        using var viewer = await _app.SignedInClientAsync(Users.Viewer);
        var viewed = (await viewer.GetAsync($"/projects/{project}")).Html;
        Assert.Equal(["PORTFOLIO_MANAGEMENT", "VULNERABILITY_ANALYSIS"], NeededPermissions(viewed));

        using var reader = await _app.SignedInClientAsync("reader");
        var read = (await reader.GetAsync($"/projects/{project}")).Html;
        Assert.Equal(["BOM_UPLOAD", "PORTFOLIO_MANAGEMENT", "VIEW_VULNERABILITY", "VULNERABILITY_ANALYSIS"], NeededPermissions(read));
        Assert.Contains("Findings, metrics, analysis and VEX exports: needs VIEW_VULNERABILITY", Collapse(read), StringComparison.Ordinal);
        Assert.Equal(["BOM_UPLOAD"], NeededPermissions((await reader.GetAsync("/")).Html));
    }

    private static void AssertSentToAccessDenied(Uri? location) =>
        Assert.Contains("/access-denied", location?.OriginalString ?? "(no redirect)", StringComparison.Ordinal);

    private static List<string> NeededPermissions(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "data-permission=\"([A-Z_]+)\"").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    private static string Collapse(string html) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""), "\\s+", " ");

    public async Task InitializeAsync()
    {
        _app = await WebUiApplication.StartAsync();
        _api = new ApiClient(_app);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _app.DisposeAsync();
    }
}
