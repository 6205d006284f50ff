using Depwatch.Testing.Browser;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TriageBrowserTests(BrowserFixture browser, TrivyServerFixture trivy, ITestOutputHelper output) : BrowserSession(browser, output)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Depwatch:Trivy:BaseUrl"] = trivy.BaseUrl.ToString(),
        ["Depwatch:Trivy:ApiToken"] = trivy.Token,
    };

    private ILocator FindingRows => Page.GetByTestId("findings").Locator("tbody tr.finding");

    [Fact]
    public async Task A_finding_is_triaged_from_the_keyboard_its_trail_shows_and_suppressing_it_changes_the_counts()
    {
        await OpenShopAsync();
        await Expect(Page.GetByTestId("finding-count")).ToHaveTextAsync("4");
        var row = FindingRows.Filter(new() { HasText = "GHSA-r4q8-vxc6-wjf5" });

        var panel = Page.Locator("details.audit:has(form[aria-label='Decision about GHSA-r4q8-vxc6-wjf5 in lodash'])");
        await panel.Locator("summary").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        var form = panel.GetByRole(AriaRole.Form);
        await form.GetByLabel("Analysis").FocusAsync();
        await form.GetByLabel("Analysis").SelectOptionAsync("NOT_AFFECTED");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(form.GetByLabel("Justification")).ToBeFocusedAsync();
        await form.GetByLabel("Justification").SelectOptionAsync("CODE_NOT_REACHABLE");
        await form.GetByLabel("Details").FillAsync("defaultsDeep is never called with user input");
        await form.GetByLabel("Suppressed").CheckAsync();
        await form.GetByLabel("Comment").FillAsync("checked with the team");
        await ScreenshotAsync("20-audit-panel");
        await form.GetByLabel("Comment").PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.GetByTestId("triaged")).ToHaveTextAsync("Decision recorded for 1 finding.");
        await Expect(FindingRows).ToHaveCountAsync(3);
        await Expect(row).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("finding-count")).ToHaveTextAsync("3");
        await Expect(Page.GetByTestId("suppressed-count")).ToHaveTextAsync("1 suppressed");
        await Expect(Page.GetByTestId("suppressed-metric")).ToContainTextAsync("1");
        await Expect(Page.Locator(".summary .stat.critical .value")).ToHaveTextAsync("0");

        await Page.GetByLabel("Show suppressed").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(FindingRows).ToHaveCountAsync(4);
        await Expect(row.GetByTestId("analysis")).ToHaveTextAsync("Not affected Suppressed");
        await panel.Locator("summary").ClickAsync();
        var trail = panel.GetByTestId("trail");
        await Expect(trail).ToContainTextAsync("root: Analysis: NOT_SET → NOT_AFFECTED");
        await Expect(trail).ToContainTextAsync("root: Justification: NOT_SET → CODE_NOT_REACHABLE");
        await Expect(trail).ToContainTextAsync("root: Suppressed");
        await Expect(trail).ToContainTextAsync("root: checked with the team");
        await ScreenshotAsync("21-audit-trail");
    }

    [Fact]
    public async Task Selected_findings_are_triaged_together()
    {
        await OpenShopAsync();

        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "Select CVE-2024-90001 in libssl3" }).CheckAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "Select CVE-2025-90101 in lodash" }).CheckAsync();
        var bulk = Page.GetByRole(AriaRole.Form, new() { Name = "Triage the selected findings" });
        await bulk.GetByLabel("Analysis").SelectOptionAsync("EXPLOITABLE");
        await bulk.GetByLabel("Vendor response").SelectOptionAsync("UPDATE");
        await bulk.GetByLabel("Comment").FillAsync("fix in the next release");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Apply to selected" }).ClickAsync();

        await Expect(Page.GetByTestId("triaged")).ToHaveTextAsync("Decision recorded for 2 findings.");
        await Expect(FindingRows.Filter(new() { HasText = "CVE-2024-90001" }).GetByTestId("analysis")).ToHaveTextAsync("Exploitable");
        await Expect(FindingRows.Filter(new() { HasText = "CVE-2025-90101" }).GetByTestId("analysis")).ToHaveTextAsync("Exploitable");
        await Expect(FindingRows.Filter(new() { HasText = "GHSA-r4q8-vxc6-wjf5" }).GetByTestId("analysis")).ToHaveTextAsync("Not set");
        await Page.GetByLabel("Analysis", new() { Exact = true }).First.SelectOptionAsync("EXPLOITABLE");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(FindingRows).ToHaveCountAsync(2);
        await ScreenshotAsync("22-bulk-triage");
    }

    [Fact]
    public async Task The_vulnerability_list_is_searched_and_leads_to_a_vulnerability_and_back()
    {
        await OpenShopAsync();

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Vulnerabilities" }).ClickAsync();
        var rows = Page.GetByTestId("vulnerabilities").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await Page.GetByLabel("Search vulnerabilities").FillAsync("8hv4");
        await Page.GetByLabel("Search vulnerabilities").PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("vulnerability-total")).ToHaveTextAsync("1 vulnerability matching “8hv4”");
        await ScreenshotAsync("23-vulnerability-list");

        await rows.GetByRole(AriaRole.Link, new() { Name = "CVE-2025-90101" }).ClickAsync();
        await Expect(Page.GetByTestId("cwes")).ToContainTextAsync("CWE-1321 Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')");
        await Page.Locator(".breadcrumb").GetByRole(AriaRole.Link, new() { Name = "Vulnerabilities" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Vulnerabilities", Level = 1 })).ToBeVisibleAsync();
    }

    private async Task OpenShopAsync()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        using var bom = WebBoms.ToFile(WebBoms.Shop());
        await Page.GetByLabel("Project name").FillAsync("shop");
        await Page.GetByLabel("CycloneDX SBOM (JSON or XML)").SetInputFilesAsync(bom.Path);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload SBOM" }).ClickAsync();
        await Expect(Page.GetByTestId("analysis-state")).ToHaveTextAsync("Succeeded");
        await Expect(FindingRows).ToHaveCountAsync(4);
    }
}
