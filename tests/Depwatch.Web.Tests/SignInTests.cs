using System.Net;
using System.Net.Http.Json;
using Depwatch.Server.Web.Users;
using Depwatch.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Web.Tests;

public abstract class SignInTests(StorageKind storage) : IAsyncLifetime
{
    private WebUiApplication _app = null!;

    [Fact]
    public async Task The_REST_API_answers_401_and_never_redirects_to_the_sign_in_page()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseUrl };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/project")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/openapi/v1.json")).StatusCode);
        using var badKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/project") { Headers = { { "X-Api-Key", "dwk_Unknown1_0123456789abcdefghijABCDEFGHIJ" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(badKey)).StatusCode);
        using var goodKey = new HttpRequestMessage(HttpMethod.Get, "/api/v1/project") { Headers = { { "X-Api-Key", WebUiApplication.AdminKey } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(goodKey)).StatusCode);
    }

    [Fact]
    public async Task An_API_key_without_the_permission_gets_403_not_a_redirect()
    {
        using var admin = new HttpClient { BaseAddress = _app.BaseUrl };
        admin.DefaultRequestHeaders.Add("X-Api-Key", WebUiApplication.AdminKey);
        var team = await (await admin.PutAsJsonAsync("/api/v1/team", new { name = "readers" })).Content.ReadFromJsonAsync<TeamJson>();
        var key = await (await admin.PutAsync($"/api/v1/team/{team!.Uuid}/key", null)).Content.ReadFromJsonAsync<KeyJson>();
        using var reader = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.BaseUrl };
        reader.DefaultRequestHeaders.Add("X-Api-Key", key!.Key);

        var response = await reader.GetAsync("/api/v1/configProperty");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Pages_send_people_who_are_not_signed_in_to_the_sign_in_page()
    {
        using var client = _app.CreatePageClient();

        var (status, _, location) = await client.GetAsync("/admin/analyzers/trivy");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/login", location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fadmin%2Fanalyzers%2Ftrivy", location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_cookie_does_not_open_the_REST_API()
    {
        await _app.CreateUserAsync("operator", "blue lantern harbour", "VIEW_PORTFOLIO", "SYSTEM_CONFIGURATION");
        using var client = _app.CreatePageClient();
        await client.SignInAsync("operator", "blue lantern harbour");

        var (status, _, location) = await client.GetAsync("/api/v1/configProperty");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(location);
    }

    [Fact]
    public async Task The_first_administrator_must_choose_a_new_password_before_anything_else()
    {
        using var client = _app.CreatePageClient();
        var signIn = await client.SignInAsync(AdminUserBootstrap.UserName, WebUiApplication.AdminPassword);
        Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString.Split('?')[0]);

        var (status, _, location) = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/account/password", location!.OriginalString);

        var token = await client.FormTokenAsync("/account/password");
        var changed = await client.PostAsync("/account/password",
            [new("CurrentPassword", WebUiApplication.AdminPassword), new("NewPassword", "correct horse battery"), new("ConfirmPassword", "correct horse battery")], token);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).Status);
        using var again = _app.CreatePageClient();
        await again.SignInAsync(AdminUserBootstrap.UserName, "correct horse battery");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/admin/users")).Status);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_wrong_passwords_lock_the_user_for_a_while()
    {
        await _app.CreateUserAsync("jane", "correct horse staple", "VIEW_PORTFOLIO");
        using var client = _app.CreatePageClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var token = await client.FormTokenAsync("/login");
            var response = await client.PostAsync("/login", [new("UserName", "jane"), new("Password", "guess " + attempt)], token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(attempt < 5 ? "The user name or password is not right" : "Too many wrong passwords", html, StringComparison.Ordinal);
        }
        var locked = await client.PostAsync("/login", [new("UserName", "jane"), new("Password", "correct horse staple")], await client.FormTokenAsync("/login"));
        Assert.Contains("Too many wrong passwords", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_users_other_sessions()
    {
        await _app.CreateUserAsync("jane", "correct horse staple", "VIEW_PORTFOLIO");
        using var laptop = _app.CreatePageClient();
        using var phone = _app.CreatePageClient();
        await laptop.SignInAsync("jane", "correct horse staple");
        await phone.SignInAsync("jane", "correct horse staple");

        var token = await laptop.FormTokenAsync("/account/password");
        await laptop.PostAsync("/account/password",
            [new("CurrentPassword", "correct horse staple"), new("NewPassword", "a brand new passphrase"), new("ConfirmPassword", "a brand new passphrase")], token);

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/account/password")).Status);
        var (status, _, location) = await phone.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/login", location!.AbsolutePath);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await _app.CreateUserAsync("jane", "correct horse staple", "VIEW_PORTFOLIO");
        using var client = _app.CreatePageClient();
        await client.SignInAsync("jane", "correct horse staple");
        var (_, html, _) = await client.GetAsync("/account/password");

        var response = await client.PostAsync("/logout", [], PageClient.TokenIn(html, "/logout"));

        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/password")).Status);
    }

    [Fact]
    public async Task A_session_cookie_saved_before_signing_out_is_refused_afterwards()
    {
        await _app.CreateUserAsync("jane", "correct horse staple", "VIEW_PORTFOLIO");
        using var client = _app.CreatePageClient();
        await client.SignInAsync("jane", "correct horse staple");
        using var saved = client.CopyWithCookies();
        Assert.Equal(HttpStatusCode.OK, (await saved.GetAsync("/account/password")).Status);

        var (_, html, _) = await client.GetAsync("/account/password");
        await client.PostAsync("/logout", [], PageClient.TokenIn(html, "/logout"));

        var (status, _, location) = await saved.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/login", location!.AbsolutePath);
    }

    [Fact]
    public async Task Taking_a_permission_away_ends_the_users_sessions_and_not_the_administrators_own()
    {
        await _app.CreateRootAsync();
        await _app.CreateUserAsync("jane", "correct horse staple", "VIEW_PORTFOLIO", "SYSTEM_CONFIGURATION");
        using var jane = _app.CreatePageClient();
        await jane.SignInAsync("jane", "correct horse staple");
        using var root = await _app.SignedInClientAsync(Users.Root);
        var janeId = (await _app.Services.GetRequiredService<UserStore>().ListAsync(CancellationToken.None)).Single(u => u.UserName == "jane").Id;
        var rootId = (await _app.Services.GetRequiredService<UserStore>().ListAsync(CancellationToken.None)).Single(u => u.UserName == Users.Root).Id;

        await SetPermissionsAsync(root, janeId, "VIEW_PORTFOLIO");
        await SetPermissionsAsync(root, rootId, [.. Users.AllPermissions.Where(p => p != "BOM_UPLOAD")]);

        var (status, _, location) = await jane.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/login", location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/admin/users")).Status);
    }

    private static async Task SetPermissionsAsync(PageClient client, Guid userId, params string[] permissions)
    {
        var page = $"/admin/users/{userId}";
        var token = await client.FormTokenAsync(page);
        var response = await client.PostAsync($"{page}?handler=Permissions", permissions.Select(p => new KeyValuePair<string, string>("Permissions", p)), token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public async Task InitializeAsync() => _app = await WebUiApplication.StartAsync(storage);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record TeamJson(Guid Uuid);

    private sealed record KeyJson(string Key);
}

public sealed class SignInOnSqlite() : SignInTests(StorageKind.Sqlite);

public sealed class SignInOnPostgres() : SignInTests(StorageKind.Postgres);
