using Depwatch.Testing.Browser;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

/// <summary>A browser test's server and page, with sign-in and screenshot helpers.</summary>
public abstract class BrowserSession(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    protected WebUiApplication App { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected async Task SignInAsync(string userName, string password = Users.Password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Saves a full-page screenshot as a test artifact and prints where.</summary>
    protected async Task ScreenshotAsync(string name, IPage? page = null)
    {
        var path = await Screenshots.SaveAsync(page ?? Page, name);
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>The same page at a phone's width, for a screenshot that shows the narrow layout.</summary>
    protected async Task PhoneScreenshotAsync(string name)
    {
        var phone = await OpenOnPhoneAsync();
        await ScreenshotAsync(name, phone);
        await phone.Context.CloseAsync();
    }

    /// <summary>The current page again, signed in alike, in a 390 px wide phone viewport; the caller closes its context.</summary>
    protected async Task<IPage> OpenOnPhoneAsync()
    {
        var phone = await browser.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 },
            StorageState = await Page.Context.StorageStateAsync(),
            Locale = "en-GB",
        });
        await phone.GotoAsync(Page.Url);
        return phone;
    }

    protected const int PhoneWidth = 390;

    /// <summary>Asserts the element is drawn wholly inside the page's viewport, not cut off or scrolled away to the side.</summary>
    protected static async Task ExpectInsideViewportAsync(IPage page, ILocator element)
    {
        var box = await element.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("The element is not drawn.");
        var width = page.ViewportSize!.Width;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"The element spans x {box.X:0}–{box.X + box.Width:0}, outside the {width} px viewport.");
    }

    /// <summary>Configuration the server starts with, e.g. the Trivy server to analyse with.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        App = await WebUiApplication.StartAsync(settings: Settings);
        Page = await browser.NewPageAsync(App.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Page.Context.CloseAsync();
        await App.DisposeAsync();
    }
}
