using Depwatch.Testing;
using Depwatch.Testing.Browser;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TrivyAdminBrowserTests(BrowserFixture browser, TrivyServerFixture trivy, ITestOutputHelper output) : BrowserSession(browser, output)
{
    [Fact]
    public async Task An_administrator_configures_Trivy_and_tests_the_connection_then_a_wrong_token_is_reported()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Trivy", Exact = true })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Switch, new() { Name = "Enable the Trivy analyzer" }).CheckAsync();
        await Page.GetByLabel("Base URL").FillAsync("not a url");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByLabel("Base URL")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#Settings_BaseUrl-error")).ToContainTextAsync("http://");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await ScreenshotAsync("03-trivy-validation");

        await Page.GetByLabel("Base URL").FillAsync(trivy.BaseUrl.ToString());
        await Page.GetByLabel("API Token", new() { Exact = true }).FillAsync(trivy.Token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await Expect(Page.GetByLabel("API Token", new() { Exact = true })).ToHaveValueAsync("");
        await Expect(Page.GetByLabel("API Token", new() { Exact = true })).ToHaveAttributeAsync("placeholder", "unchanged (a token is stored)");
        Assert.DoesNotContain(trivy.Token, await Page.ContentAsync(), StringComparison.Ordinal);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        var result = Page.GetByTestId("connection-result");
        await Expect(result.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Depwatch can use this Trivy server.");
        await Expect(result).ToContainTextAsync("answered its health check");
        await Expect(result).ToContainTextAsync("Accepted the stored token");
        await Expect(result).ToContainTextAsync("Trivy version:");
        await Expect(result).ToContainTextAsync("Vulnerability database:");
        await ScreenshotAsync("04-trivy-connection-ok");
        await PhoneScreenshotAsync("04b-trivy-phone");

        await Page.GetByLabel("API Token", new() { Exact = true }).FillAsync("wrong-" + trivy.Token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(result.GetByRole(AriaRole.Heading)).ToHaveTextAsync("The Trivy server refused the API token.");
        await Expect(result).ToContainTextAsync("Refused. Check that the API token and the token header name match");
        await Expect(Page.GetByLabel("API Token", new() { Exact = true })).ToHaveValueAsync("wrong-" + trivy.Token);
        await ScreenshotAsync("05-trivy-connection-wrong-token");
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_reported_as_unreachable()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        await Page.GotoAsync("/admin/analyzers/trivy");

        await Page.GetByLabel("Base URL").FillAsync($"http://127.0.0.1:{FreePort.Find()}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();

        var result = Page.GetByTestId("connection-result");
        await Expect(result.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Depwatch cannot reach this Trivy server.");
        await Expect(result).ToContainTextAsync("cannot be reached");
    }
}
