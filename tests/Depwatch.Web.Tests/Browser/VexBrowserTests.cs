using Depwatch.Testing.Browser;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

/// <summary>A VEX imported from the project page: the report says what each statement decided, and the findings follow.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VexBrowserTests(BrowserFixture browser, TrivyServerFixture trivy, ITestOutputHelper output) : BrowserSession(browser, output)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Depwatch:Trivy:BaseUrl"] = trivy.BaseUrl.ToString(),
        ["Depwatch:Trivy:ApiToken"] = trivy.Token,
    };

    [Fact]
    public async Task An_imported_VEX_shows_its_states_and_suppresses_what_is_not_affected()
    {
        await OpenAnalysedProjectAsAnalystAsync();
        await Expect(Page.Locator(".summary .stat.high .value")).ToHaveTextAsync("1");

        await Page.GetByLabel("CycloneDX VEX (JSON or XML)").SetInputFilesAsync(RepositoryRoot.PathOf("testdata", "vex", "spec-example.vex.xml"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import VEX" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Import VEX" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("vex-summary")).ToContainTextAsync("3 statements, 2 decisions recorded, 1 not matched");
        var applied = Page.GetByTestId("vex-applied").Locator("tbody tr");
        await Expect(applied.Filter(new() { HasText = "CVE-2025-90301" })).ToContainTextAsync("NOT_AFFECTED (suppressed)");
        await Expect(applied.Filter(new() { HasText = "CVE-2025-90301" })).ToContainTextAsync("bom-ref");
        await Expect(applied.Filter(new() { HasText = "CVE-2025-90302" })).ToContainTextAsync("EXPLOITABLE");
        await Expect(Page.GetByTestId("vex-unmatched")).ToContainTextAsync("CVE-2099-0001");
        await ScreenshotAsync("40-vex-import-report");

        // The suppressed high finding leaves the project's counts; the exploitable critical one stays.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to acme-app" }).ClickAsync();
        await Expect(Page.Locator(".summary .stat.high .value")).ToHaveTextAsync("0");
        await Expect(Page.Locator(".summary .stat.critical .value")).ToHaveTextAsync("1");
    }

    /// <summary>Signs in as a user who may record decisions and opens the analysed project of testdata/vex/app.cdx.json.</summary>
    private async Task OpenAnalysedProjectAsAnalystAsync()
    {
        await App.CreateUserAsync("analyst", Users.Password, [.. Users.AllPermissions, "VULNERABILITY_ANALYSIS"]);
        await SignInAsync("analyst");
        await Page.GetByLabel("Project name").FillAsync("acme-app");
        await Page.GetByLabel("CycloneDX SBOM (JSON or XML)").SetInputFilesAsync(RepositoryRoot.PathOf("testdata", "vex", "app.cdx.json"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload SBOM" }).ClickAsync();
        await Expect(Page.GetByTestId("analysis-state")).ToHaveTextAsync("Succeeded");
    }

    [Fact]
    public async Task A_file_that_is_not_a_VEX_is_refused_and_changes_nothing()
    {
        await OpenAnalysedProjectAsAnalystAsync();

        await Page.GetByLabel("CycloneDX VEX (JSON or XML)").SetInputFilesAsync(RepositoryRoot.PathOf("testdata", "vex", "spec-example.openvex.json"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import VEX" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("an OpenVEX document");
        await Page.GetByRole(AriaRole.Link, new() { Name = "acme-app" }).Last.ClickAsync();
        await Expect(Page.Locator(".summary .stat.high .value")).ToHaveTextAsync("1");
    }
}
