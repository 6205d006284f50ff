using System.Net;
using System.Net.Http.Json;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Web.Users;
using Depwatch.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Web.Tests;

/// <summary>Every form refuses a post without its antiforgery token, or with one issued to another session, and changes nothing.</summary>
public abstract class AntiforgeryTests(StorageKind storage) : IAsyncLifetime
{
    private WebUiApplication _app = null!;
    private Guid _victimId;
    private Guid _projectId;

    private sealed record Form(string Name, string Page, string Action, KeyValuePair<string, string>[] Fields);

    private List<Form> Forms() =>
    [
        new("sign-in", "/login", "/login", [new("UserName", Users.Root), new("Password", Users.Password)]),
        new("sign-out", "/account/password", "/logout", []),
        new("change password", "/account/password", "/account/password",
            [new("CurrentPassword", Users.Password), new("NewPassword", "another fine phrase"), new("ConfirmPassword", "another fine phrase")]),
        new("create user", "/admin/users", "/admin/users", [new("UserName", "mallory"), new("Password", "mallory's chosen phrase"), new("Permissions", "ACCESS_MANAGEMENT")]),
        new("user permissions", $"/admin/users/{_victimId}", $"/admin/users/{_victimId}?handler=Permissions", [new("Permissions", "SYSTEM_CONFIGURATION")]),
        new("reset password", $"/admin/users/{_victimId}", $"/admin/users/{_victimId}?handler=Password", [new("NewPassword", "attacker chosen phrase")]),
        new("delete user", $"/admin/users/{_victimId}", $"/admin/users/{_victimId}?handler=Delete", []),
        new("Trivy settings", "/admin/analyzers/trivy", "/admin/analyzers/trivy",
            [new("Settings.Enabled", "true"), new("Settings.BaseUrl", "http://attacker.invalid:8080"), new("Settings.ApiToken", "attacker-token"),
             new("Settings.ScanLibrary", "true"), new("Settings.ScanOs", "true")]),
        new("Trivy connection test", "/admin/analyzers/trivy", "/admin/analyzers/trivy?handler=Test", [new("Settings.BaseUrl", "http://127.0.0.1:9")]),
        new("portfolio SBOM upload", "/", "/?handler=Upload", [new("ProjectName", "planted")]),
        new("project SBOM upload", $"/projects/{_projectId}", $"/projects/{_projectId}?handler=Upload", []),
        new("analyze now", $"/projects/{_projectId}", $"/projects/{_projectId}?handler=Analyze", []),
        new("finding decision", $"/projects/{_projectId}", $"/projects/{_projectId}?handler=Analysis",
            [new("finding", $"{Guid.NewGuid()}_{Guid.NewGuid()}"), new("Triage.State", "FALSE_POSITIVE"), new("Triage.Suppress", "true")]),
        new("bulk triage", $"/projects/{_projectId}", $"/projects/{_projectId}?handler=Bulk",
            [new("selected", $"{Guid.NewGuid()}_{Guid.NewGuid()}"), new("Bulk.State", "FALSE_POSITIVE"), new("Bulk.Suppress", "true")]),
    ];

    [Fact]
    public async Task Every_form_rejects_a_post_without_or_with_a_foreign_antiforgery_token_and_changes_nothing()
    {
        using var victim = await _app.SignedInClientAsync(Users.Root);
        using var attacker = await _app.SignedInClientAsync("attacker");
        var before = await StateAsync();

        foreach (var form in Forms())
        {
            var foreignToken = PageClient.TokenIn((await attacker.GetAsync("/account/password")).Html);
            var missing = await victim.PostAsync(form.Action, form.Fields, token: null);
            var foreign = await victim.PostAsync(form.Action, form.Fields, foreignToken);

            Assert.True(missing.StatusCode == HttpStatusCode.BadRequest, $"{form.Name} without a token answered {missing.StatusCode}");
            Assert.True(foreign.StatusCode == HttpStatusCode.BadRequest, $"{form.Name} with another session's token answered {foreign.StatusCode}");
        }

        Assert.Equal(before, await StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/account/password")).Status);
        using var again = _app.CreatePageClient();
        await again.SignInAsync(Users.Root, Users.Password);
    }

    [Fact]
    public async Task Every_form_accepts_the_same_post_with_its_own_token()
    {
        // The control for the test above: the refusals come from the token, not from the fields.
        using var client = await _app.SignedInClientAsync(Users.Root);
        foreach (var form in Forms().Where(f => f.Name is not ("sign-in" or "sign-out")))
        {
            var page = await client.GetAsync(form.Page);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var response = await client.PostAsync(form.Action, form.Fields, PageClient.TokenIn(page.Html));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{form.Name} answered {response.StatusCode}");
        }
        var signOut = await client.PostAsync("/logout", [], PageClient.TokenIn((await client.GetAsync("/account/password")).Html));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using var fresh = _app.CreatePageClient();
        var signIn = await fresh.PostAsync("/login", [new("UserName", Users.Root), new("Password", "another fine phrase")], await fresh.FormTokenAsync("/login"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    private async Task<string> StateAsync()
    {
        var users = await _app.Services.GetRequiredService<UserStore>().ListAsync(CancellationToken.None);
        var properties = await _app.Services.GetRequiredService<ConfigPropertyStore>().ListAsync(CancellationToken.None);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContextAsync();
        var projects = await db.Projects.Select(p => $"{p.Name}:{p.LastAnalysisState}").ToListAsync();
        var jobs = await db.Jobs.CountAsync();
        var decisions = await db.FindingAnalyses.CountAsync() + await db.AnalysisComments.CountAsync();
        return string.Join('\n', users.Select(u => $"{u.UserName}:{string.Join(',', u.Permissions)}:{u.MustChangePassword}")
            .Concat(properties.Select(p => $"{p.GroupName}/{p.PropertyName}={p.PropertyValue}"))
            .Concat(projects).Append($"jobs:{jobs}").Append($"decisions:{decisions}"));
    }

    public async Task InitializeAsync()
    {
        _app = await WebUiApplication.StartAsync(storage);
        await _app.CreateRootAsync();
        await _app.CreateUserAsync("attacker", Users.Password, "VIEW_PORTFOLIO");
        await _app.CreateUserAsync("victim", Users.Password, "ACCESS_MANAGEMENT", "VIEW_PORTFOLIO");
        _victimId = (await _app.Services.GetRequiredService<UserStore>().ListAsync(CancellationToken.None)).Single(u => u.UserName == "victim").Id;
        using var api = new HttpClient { BaseAddress = _app.BaseUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", WebUiApplication.AdminKey);
        var created = await api.PutAsJsonAsync("/api/v1/project", new { name = "existing", version = "1" });
        _projectId = (await created.Content.ReadFromJsonAsync<ProjectJson>())!.Uuid;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record ProjectJson(Guid Uuid);
}

public sealed class AntiforgeryOnSqlite() : AntiforgeryTests(StorageKind.Sqlite);

public sealed class AntiforgeryOnPostgres() : AntiforgeryTests(StorageKind.Postgres);
