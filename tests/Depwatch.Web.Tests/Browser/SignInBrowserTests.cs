using Depwatch.Server.Web.Users;
using Depwatch.Testing.Browser;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserSession(browser, output)
{
    [Fact]
    public async Task The_first_administrator_signs_in_chooses_a_password_and_signs_out()
    {
        await Page.GotoAsync("/");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Depwatch" })).ToBeVisibleAsync();
        await ScreenshotAsync("01-sign-in");

        await Page.GetByLabel("User name").FillAsync(AdminUserBootstrap.UserName);
        await Page.GetByLabel("Password").FillAsync("not the password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The user name or password is not right");

        await Page.GetByLabel("Password").FillAsync(WebUiApplication.AdminPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Choose your own before you go on");
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToHaveCountAsync(0);

        await Page.GetByLabel("Current password").FillAsync(WebUiApplication.AdminPassword);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await Page.GetByLabel("New password again").FillAsync("short");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(Page.GetByLabel("New password", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#NewPassword-error")).ToContainTextAsync("at least 12 characters");
        await ScreenshotAsync("02-change-password-error");

        await Page.GetByLabel("Current password").FillAsync(WebUiApplication.AdminPassword);
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("correct horse battery");
        await Page.GetByLabel("New password again").FillAsync("correct horse battery");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(App.BaseUrl, "/").ToString());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Depwatch" })).ToBeVisibleAsync();
        await Page.GotoAsync("/admin/users");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Depwatch" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_sign_in_form_works_with_the_keyboard_alone()
    {
        await App.CreateRootAsync();
        await Page.GotoAsync("/login");

        await Expect(Page.GetByLabel("User name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Users.Root);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Users.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
