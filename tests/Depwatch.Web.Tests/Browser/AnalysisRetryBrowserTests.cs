using System.Text.RegularExpressions;
using Depwatch.Testing;
using Depwatch.Testing.Browser;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class AnalysisRetryBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserSession(browser, output)
{
    private static readonly LocatorAssertionsToContainTextOptions s_untilRetried = new() { Timeout = 90_000 };

    // Nothing listens there: every analysis fails and is retried.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Depwatch:Trivy:BaseUrl"] = $"http://127.0.0.1:{FreePort.Find()}",
    };

    [Fact]
    public async Task An_analysis_that_keeps_failing_says_so_and_when_it_is_tried_next_instead_of_working_for_ever()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        using var bom = WebBoms.ToFile(WebBoms.Shop());
        await Page.GetByLabel("Project name").FillAsync("shop");
        await Page.GetByLabel("CycloneDX SBOM (JSON or XML)").SetInputFilesAsync(bom.Path);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload SBOM" }).ClickAsync();

        var banner = Page.GetByTestId("processing");
        await Expect(banner).ToContainTextAsync(RetriedText(), s_untilRetried);
        await Expect(banner).ToContainTextAsync("Depwatch keeps trying.");
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("analysis-state")).ToContainTextAsync(RetriedText(), s_untilRetried);
        await ScreenshotAsync("30-project-analysis-retried");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Portfolio" }).First.ClickAsync();
        await Expect(Page.GetByTestId("analysis-state")).ToContainTextAsync(RetriedText(), s_untilRetried);
        await Expect(Page.GetByRole(AriaRole.Table)).ToContainTextAsync("is unreachable");
        await ScreenshotAsync("31-portfolio-analysis-retried");
    }

    // Between attempts the page says when the next is; during one, that it is being tried again.
    [GeneratedRegex("Trivy unreachable: attempt [0-9]+ failed, (next at|trying again now)")]
    private static partial Regex RetriedText();
}
