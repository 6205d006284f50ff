using System.Net;
using System.Text;
using Depwatch.Testing.Browser;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TeamsBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserSession(browser, output)
{
    [Fact]
    public async Task From_the_empty_portfolio_an_administrator_makes_a_CI_key_that_uploads_and_can_be_regenerated_and_revoked()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        await Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Administration → Teams and API keys" }).ClickAsync();
        await Page.GetByLabel("Team name").FillAsync("ci-shop");
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "BOM_UPLOAD" }).CheckAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "PROJECT_CREATION_UPLOAD" }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Team ci-shop" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = "BOM_UPLOAD" })).ToBeCheckedAsync();
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = "VIEW_PORTFOLIO" })).Not.ToBeCheckedAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var key = await Page.Locator("#new-key-value").InnerTextAsync();
        Assert.StartsWith("dwk_", key, StringComparison.Ordinal);
        await Expect(Page.Locator("#ci-curl")).ToContainTextAsync($"curl -X POST \"{App.BaseUrl.ToString().TrimEnd('/')}/api/v1/bom\" -H \"X-Api-Key: $DEPWATCH_API_KEY\"");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy key" }).ClickAsync();
        Assert.Equal(key, await Page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await ScreenshotAsync("20-api-key-created");

        Assert.Equal(HttpStatusCode.OK, await UploadAsync(key));
        var teamPage = new Uri(Page.Url).AbsolutePath;
        await Page.GotoAsync(teamPage);
        await Expect(Page.GetByTestId("new-key")).ToHaveCountAsync(0);
        await PhoneScreenshotAsync("20b-team-phone");
        var keyRow = Page.GetByTestId("keys").Locator("tbody tr");
        await Expect(keyRow).ToHaveCountAsync(1);

        var publicId = await keyRow.GetAttributeAsync("data-key");
        await Page.GetByLabel($"Comment for key {publicId}").FillAsync("GitHub Actions, shop repo");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Save comment for key {publicId}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The comment was saved.");
        await Expect(Page.GetByLabel($"Comment for key {publicId}")).ToHaveValueAsync("GitHub Actions, shop repo");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Regenerate key {publicId}" }).ClickAsync();
        var regenerated = await Page.Locator("#new-key-value").InnerTextAsync();
        Assert.NotEqual(key, regenerated);
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync(key));
        Assert.Equal(HttpStatusCode.OK, await UploadAsync(regenerated));

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Revoke key {publicId}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The key {publicId} was revoked.");
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync(regenerated));

        await Page.GetByLabel("Team name").FillAsync("ci");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rename team" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Team ci" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete team" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(App.BaseUrl, "/admin/teams").ToString());
        await Expect(Page.GetByTestId("teams").Locator("tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync("21-teams");
    }

    [Fact]
    public async Task The_last_team_able_to_manage_keys_is_not_deleted_and_a_taken_name_is_refused_next_to_the_field()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.GotoAsync("/admin/teams");

        await Page.GetByLabel("Team name").FillAsync("Administrators");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await Expect(Page.Locator("#Name-error")).ToHaveTextAsync("A team with the specified name already exists.");
        await Expect(Page.GetByLabel("Team name")).ToHaveAttributeAsync("aria-invalid", "true");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Administrators" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete team" }).ClickAsync();
        await Expect(Page.Locator("#Delete-error")).ToContainTextAsync("nobody could manage teams and keys any more");
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "ACCESS_MANAGEMENT" }).UncheckAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "VIEW_BADGES" }).UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save permissions" }).ClickAsync();
        await Expect(Page.Locator("#Permissions-error")).ToContainTextAsync("nobody could manage teams and keys any more");
        await Page.GotoAsync(new Uri(Page.Url).AbsolutePath);
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = "ACCESS_MANAGEMENT" })).ToBeCheckedAsync();
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = "VIEW_BADGES" })).ToBeCheckedAsync();
        await ScreenshotAsync("22-team-lock-out");
    }

    private async Task<HttpStatusCode> UploadAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = App.BaseUrl };
        using var content = new MultipartFormDataContent
        {
            { new StringContent("true"), "autoCreate" },
            { new StringContent("shop"), "projectName" },
            { new StringContent("1.0.0"), "projectVersion" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(WebBoms.Shop())), "bom", "bom.json" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bom") { Content = content };
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
