using System.Net;
using System.Net.Http.Json;
using Depwatch.Server.Analysis;
using Depwatch.Testing.FakeTwirp;
using Depwatch.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Web.Tests;

/// <summary>The Trivy administration form, over plain HTTP: what it stores, what it refuses, what it never shows.</summary>
public abstract class TrivySettingsTests(StorageKind storage) : IAsyncLifetime
{
    private const string Page = "/admin/analyzers/trivy";
    private const string SecretToken = "s3cr3t-trivy-token-4f1d";

    private WebUiApplication _app = null!;
    private PageClient _client = null!;

    [Fact]
    public async Task Saved_settings_are_the_config_properties_the_API_and_the_analyzer_read()
    {
        var response = await SaveAsync(Fields(token: SecretToken, header: "X-Trivy-Auth", ignoreUnfixed: true, scanOs: false));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var properties = await ApiPropertiesAsync();
        Assert.Equal("true", properties["trivy.enabled"]);
        Assert.Equal("http://trivy.example:8080", properties["trivy.base.url"]);
        Assert.Equal("true", properties["trivy.ignore.unfixed"]);
        Assert.Equal("true", properties["trivy.scanner.scanLibrary"]);
        Assert.Equal("false", properties["trivy.scanner.scanOs"]);
        Assert.Equal("X-Trivy-Auth", properties["trivy.token.header"]);
        var options = await _app.Services.GetRequiredService<ITrivyConfiguration>().GetOptionsAsync(CancellationToken.None);
        Assert.Equal(SecretToken, options!.ApiToken);
        Assert.Equal("X-Trivy-Auth", options.TokenHeader);
        Assert.Contains("Saved, although the connection test failed", (await _client.GetAsync(Page)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_token_field_keeps_the_stored_token_and_remove_clears_it()
    {
        await SaveAsync(Fields(token: SecretToken));

        await SaveAsync(Fields(token: ""));
        Assert.Equal(SecretToken, (await OptionsAsync())!.ApiToken);
        Assert.Contains("placeholder=\"unchanged (a token is stored)\"", (await _client.GetAsync(Page)).Html, StringComparison.Ordinal);

        await SaveAsync([.. Fields(token: ""), new("Settings.ClearToken", "true")]);
        Assert.Null((await OptionsAsync())!.ApiToken);
        Assert.Contains("placeholder=\"no token stored\"", (await _client.GetAsync(Page)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_a_message_next_to_each_field_and_nothing_is_saved()
    {
        var before = await ApiPropertiesAsync();

        var response = await SaveAsync(
            [new("Settings.Enabled", "true"), new("Settings.BaseUrl", "trivy:8080"), new("Settings.TokenHeader", "Trivy Token"),
             new("Settings.ApiToken", SecretToken), new("Settings.ScanLibrary", "false"), new("Settings.ScanOs", "false")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        AssertFieldError(html, "Settings_BaseUrl", "http://");
        AssertFieldError(html, "Settings_TokenHeader", "header name");
        AssertFieldError(html, "Settings_ScanLibrary", "libraries, OS packages or both");
        Assert.DoesNotContain(SecretToken, html, StringComparison.Ordinal);
        Assert.Equal(before, await ApiPropertiesAsync());
    }

    [Fact]
    public async Task Enabling_without_a_base_url_says_what_to_enter()
    {
        var response = await SaveAsync([new("Settings.Enabled", "true"), new("Settings.BaseUrl", ""), new("Settings.ScanLibrary", "true")]);

        AssertFieldError(await response.Content.ReadAsStringAsync(), "Settings_BaseUrl", "Enter the address of the Trivy server");
    }

    [Fact]
    public async Task The_stored_token_appears_in_no_page_and_no_API_response()
    {
        await SaveAsync(Fields(token: SecretToken));
        using var api = new HttpClient { BaseAddress = _app.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", WebUiApplication.AdminKey);
        var rootId = (await _app.Services.GetRequiredService<Depwatch.Server.Web.Users.UserStore>().ListAsync(CancellationToken.None))[0].Id;

        var created = await api.PutAsJsonAsync("/api/v1/project", new { name = "shop", version = "1" });
        var projectId = (await created.Content.ReadFromJsonAsync<ProjectJson>())!.Uuid;

        var bodies = new List<(string Where, string Body)>();
        foreach (var path in new[]
        {
            "/", Page, "/admin/users", $"/admin/users/{rootId}", "/account/password", "/access-denied", $"/projects/{projectId}",
            $"/projects/{projectId}?view=components", $"/projects/{projectId}?handler=Status", "/vulnerabilities/NVD/CVE-2025-90101",
        })
        {
            bodies.Add((path, (await _client.GetAsync(path)).Html));
        }
        var test = await _client.PostAsync($"{Page}?handler=Test", Fields(token: ""), PageClient.TokenIn((await _client.GetAsync(Page)).Html));
        bodies.Add(("connection test", await test.Content.ReadAsStringAsync()));
        foreach (var path in new[] { "/api/v1/configProperty", "/openapi/v1.json", "/api/v1/team", "/api/v1/project", $"/api/v1/project/{projectId}" })
        {
            bodies.Add((path, await api.GetStringAsync(path)));
        }

        foreach (var (where, body) in bodies)
        {
            Assert.False(body.Contains(SecretToken, StringComparison.Ordinal), $"{where} contains the stored Trivy token");
        }
    }

    [Fact]
    public async Task Users_without_SYSTEM_CONFIGURATION_get_403_and_no_administration_link()
    {
        await _app.CreateViewerAsync();
        using var viewer = await _app.SignedInClientAsync(Users.Viewer);

        var home = await viewer.GetAsync("/account/password");
        Assert.DoesNotContain("Administration", home.Html, StringComparison.Ordinal);
        var (status, _, location) = await viewer.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, status);
        var denied = await viewer.GetAsync(location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("not allowed", denied.Html, StringComparison.Ordinal);

        var token = PageClient.TokenIn(home.Html);
        var post = await viewer.PostAsync(Page, Fields(token: "x"), token);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/access-denied", post.Headers.Location!.AbsolutePath);
        Assert.NotEqual("http://trivy.example:8080", (await ApiPropertiesAsync())["trivy.base.url"]);
    }

    [Fact]
    public async Task Test_connection_sends_the_stored_token_only_to_the_address_it_was_saved_with()
    {
        await using var stored = await FakeTwirpServer.StartAsync(_ => FakeResponse.Json("{}"));
        await using var other = await FakeTwirpServer.StartAsync(_ => FakeResponse.Json("{}"));
        await SaveAsync(Fields(token: SecretToken, url: stored.BaseUrl.ToString()));

        var elsewhere = await TestAsync(Fields(token: "", url: other.BaseUrl.ToString()));
        Assert.NotEmpty(other.Requests);
        Assert.All(other.Requests, request => Assert.DoesNotContain(SecretToken, string.Join('\n', request.Headers.Values), StringComparison.Ordinal));
        Assert.Contains("not sent: it goes only to the address it was saved with", elsewhere, StringComparison.Ordinal);

        await TestAsync(Fields(token: "typed-token-1234", url: other.BaseUrl.ToString()));
        Assert.Contains(other.Requests, request => request.Headers.GetValueOrDefault("Trivy-Token") == "typed-token-1234");

        var home = await TestAsync(Fields(token: "", url: stored.BaseUrl.ToString().TrimEnd('/')));
        Assert.Contains(stored.Requests, request => request.Headers.GetValueOrDefault("Trivy-Token") == SecretToken);
        Assert.Contains("Accepted the stored token", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_servers_are_each_tested_and_listed_with_their_state()
    {
        await using var first = await FakeTwirpServer.StartAsync(_ => FakeResponse.Json("{}"));
        await using var second = await FakeTwirpServer.StartAsync(_ => FakeResponse.Json("{}"));
        var closed = $"http://127.0.0.1:{Depwatch.Testing.FreePort.Find()}/";
        var list = $"{first.BaseUrl}, {second.BaseUrl}";
        await SaveAsync(Fields(token: SecretToken, url: list));

        var result = await TestAsync(Fields(token: "", url: $"{list} {closed}"));

        Assert.Equal(3, result.Split("data-testid=\"connection-result\"").Length - 1);
        Assert.Contains(first.Requests, request => request.Headers.GetValueOrDefault("Trivy-Token") == SecretToken);
        Assert.Contains(second.Requests, request => request.Headers.GetValueOrDefault("Trivy-Token") == SecretToken);
        Assert.Contains($"{closed} cannot be reached", result, StringComparison.Ordinal);
        Assert.Equal([first.BaseUrl, second.BaseUrl], (await OptionsAsync())!.Servers);
        var page = (await _client.GetAsync(Page)).Html;
        Assert.Contains($"<td class=\"mono\">{first.BaseUrl}</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"mono\">{second.BaseUrl}</td>", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("data-testid=\"trivy-server\"").Length - 1);
    }

    [Fact]
    public async Task A_list_with_one_malformed_server_is_refused_naming_it()
    {
        var response = await SaveAsync(Fields(token: "", url: "http://trivy-1:8080, trivy-2:8080"));

        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("'trivy-2:8080' is not a web address", html, StringComparison.Ordinal);
        Assert.NotEqual("http://trivy-1:8080, trivy-2:8080", (await ApiPropertiesAsync()).GetValueOrDefault("trivy.base.url"));
    }

    [Fact]
    public async Task Credentials_written_into_the_base_url_appear_in_no_connection_test_message()
    {
        var closed = Depwatch.Testing.FreePort.Find();

        var result = await TestAsync(Fields(token: "", url: $"http://alice:url-pass-9f2e@127.0.0.1:{closed}/"));

        Assert.Contains($"http://127.0.0.1:{closed}/ cannot be reached", result, StringComparison.Ordinal);
        Assert.DoesNotContain("url-pass-9f2e", result, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_settings_that_fail_the_connection_test_warns_and_saves_nothing_until_confirmed()
    {
        var before = await ApiPropertiesAsync();
        var closed = $"http://127.0.0.1:{Depwatch.Testing.FreePort.Find()}";

        var warned = await SaveAsync(Fields(token: SecretToken, url: closed, confirm: false));

        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await warned.Content.ReadAsStringAsync());
        Assert.Contains("Not saved yet: the connection test failed.", html, StringComparison.Ordinal);
        Assert.Contains("Type the API token again", html, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", html, StringComparison.Ordinal);
        Assert.Contains("Save even though the connection test fails", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretToken, html, StringComparison.Ordinal);
        Assert.Equal(before, await ApiPropertiesAsync());

        var confirmed = await SaveAsync(Fields(token: SecretToken, url: closed, confirm: true));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(closed, (await ApiPropertiesAsync())["trivy.base.url"]);
    }

    [Fact]
    public async Task Settings_that_pass_the_connection_test_are_saved_at_once()
    {
        await using var trivy = await FakeTwirpServer.StartAsync(_ => FakeResponse.Json("{}"));

        var saved = await SaveAsync(Fields(token: SecretToken, url: trivy.BaseUrl.ToString(), confirm: false));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Saved. The connection test passed", (await _client.GetAsync(Page)).Html, StringComparison.Ordinal);
        Assert.Contains(trivy.Requests, request => request.Headers.GetValueOrDefault("Trivy-Token") == SecretToken);
    }

    /// <summary>Runs Test connection as the page's script does; the result shown.</summary>
    private async Task<string> TestAsync(KeyValuePair<string, string>[] fields)
    {
        var response = await _client.PostAsync($"{Page}?handler=Test", fields, await _client.FormTokenAsync(Page), ("X-Requested-With", "fetch"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static void AssertFieldError(string html, string fieldId, string expected)
    {
        var field = Html.ElementWithId(html, fieldId);
        Assert.Contains("aria-invalid=\"true\"", field, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"{fieldId}-error", field, StringComparison.Ordinal);
        Assert.Contains(expected, Html.TextOf(html, fieldId + "-error"), StringComparison.Ordinal);
    }

    /// <param name="confirm">Save even though the connection test fails (trivy.example is no Trivy server).</param>
    private static KeyValuePair<string, string>[] Fields(
        string token, string header = "", bool ignoreUnfixed = false, bool scanLibrary = true, bool scanOs = true, string url = "http://trivy.example:8080",
        bool confirm = true) =>
    [
        new("Settings.Enabled", "true"), new("Settings.BaseUrl", url), new("Settings.ApiToken", token),
        new("Settings.SaveDespiteFailedTest", confirm ? "true" : "false"),
        new("Settings.TokenHeader", header), new("Settings.IgnoreUnfixed", ignoreUnfixed ? "true" : "false"),
        new("Settings.ScanLibrary", scanLibrary ? "true" : "false"), new("Settings.ScanOs", scanOs ? "true" : "false"),
    ];

    private async Task<HttpResponseMessage> SaveAsync(KeyValuePair<string, string>[] fields) =>
        await _client.PostAsync(Page, fields, await _client.FormTokenAsync(Page));

    private Task<Depwatch.Trivy.TrivyOptions?> OptionsAsync() =>
        _app.Services.GetRequiredService<ITrivyConfiguration>().GetOptionsAsync(CancellationToken.None);

    private async Task<Dictionary<string, string?>> ApiPropertiesAsync()
    {
        using var api = new HttpClient { BaseAddress = _app.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", WebUiApplication.AdminKey);
        var properties = await api.GetFromJsonAsync<List<PropertyJson>>("/api/v1/configProperty");
        return properties!.Where(p => p.GroupName == "scanner").ToDictionary(p => p.PropertyName, p => p.PropertyValue);
    }

    public async Task InitializeAsync()
    {
        _app = await WebUiApplication.StartAsync(storage);
        await _app.CreateRootAsync();
        _client = await _app.SignedInClientAsync(Users.Root);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private sealed record PropertyJson(string GroupName, string PropertyName, string? PropertyValue);

    private sealed record ProjectJson(Guid Uuid);
}

public sealed class TrivySettingsOnSqlite() : TrivySettingsTests(StorageKind.Sqlite);

public sealed class TrivySettingsOnPostgres() : TrivySettingsTests(StorageKind.Postgres);
