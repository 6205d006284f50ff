using Depwatch.Testing.Browser;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccessBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserSession(browser, output)
{
    [Fact]
    public async Task A_user_without_SYSTEM_CONFIGURATION_sees_no_administration_and_is_refused_the_page()
    {
        await App.CreateViewerAsync();
        await SignInAsync(Users.Viewer);

        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Portfolio" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);

        var response = await Page.GotoAsync("/admin/analyzers/trivy");
        Assert.Equal(403, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "You are not allowed to open this page" })).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Base URL")).ToHaveCountAsync(0);
        await ScreenshotAsync("09-access-denied");
    }

    [Fact]
    public async Task An_administrator_creates_a_user_with_chosen_permissions_who_then_signs_in()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        await Page.GotoAsync("/admin/users");

        await Page.GetByLabel("User name").FillAsync("Dana");
        await Page.GetByLabel("First password").FillAsync("first shared phrase");
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "SYSTEM_CONFIGURATION" }).CheckAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "VIEW_PORTFOLIO" }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("User dana was created");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "dana" });
        await Expect(row).ToContainTextAsync("SYSTEM_CONFIGURATION, VIEW_PORTFOLIO");
        await Expect(row).ToContainTextAsync("password to be changed");
        await ScreenshotAsync("08-users");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync("dana", "first shared phrase");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
    }
}
