using System.Text.RegularExpressions;
using Depwatch.Testing.Browser;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class PortfolioBrowserTests(BrowserFixture browser, TrivyServerFixture trivy, ITestOutputHelper output)
    : BrowserSession(browser, output)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Depwatch:Trivy:BaseUrl"] = trivy.BaseUrl.ToString(),
        ["Depwatch:Trivy:ApiToken"] = trivy.Token,
    };

    private ILocator FindingRows => Page.GetByTestId("findings").Locator("tbody tr.finding");

    [Fact]
    public async Task An_uploaded_SBOM_becomes_findings_that_filter_sort_and_lead_to_the_vulnerability()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        await Expect(Page.GetByText("No projects yet.")).ToBeVisibleAsync();
        await ScreenshotAsync("10-portfolio-empty");

        using var bom = WebBoms.ToFile(WebBoms.Shop());
        await Page.GetByLabel("Project name").FillAsync("shop");
        await Page.GetByLabel("Version", new() { Exact = false }).FillAsync("1.0.0");
        await Page.GetByLabel("CycloneDX SBOM (JSON or XML)").SetInputFilesAsync(bom.Path);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload SBOM" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "shop 1.0.0" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("analysis-state")).ToHaveTextAsync("Succeeded");
        await Expect(FindingRows).ToHaveCountAsync(4);
        await Expect(Page.GetByTestId("processing")).ToHaveCountAsync(0);
        await Expect(Page).ToHaveURLAsync(new Regex("/projects/[0-9a-f-]+$"));
        await ExpectFirstFindingAsync("GHSA-r4q8-vxc6-wjf5");
        await Expect(FindingRows.First).ToContainTextAsync("Critical");
        await ScreenshotAsync("11-project-findings");
        await PhoneScreenshotAsync("11b-project-phone");

        await Page.GetByLabel("Severity", new() { Exact = true }).SelectOptionAsync("high");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(FindingRows).ToHaveCountAsync(1);
        await ExpectFirstFindingAsync("CVE-2025-90101");
        await Expect(Page.GetByText("1 finding of 4")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();
        await Page.GetByLabel("Fix", new() { Exact = true }).SelectOptionAsync("no");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(FindingRows).ToHaveCountAsync(1);
        await ExpectFirstFindingAsync("CVE-2024-90002");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "CVSS", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Columnheader, new() { Name = "CVSS" })).ToHaveAttributeAsync("aria-sort", "descending");
        await ExpectFirstFindingAsync("GHSA-r4q8-vxc6-wjf5");
        await Expect(FindingRows.Nth(1)).ToContainTextAsync("7.5");
        await Page.GetByRole(AriaRole.Link, new() { Name = "CVSS", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Columnheader, new() { Name = "CVSS" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(FindingRows.Last).ToContainTextAsync("GHSA-r4q8-vxc6-wjf5");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Component", Exact = true }).ClickAsync();
        await Expect(FindingRows.First).ToContainTextAsync("libssl3");
        await Expect(FindingRows.Last).ToContainTextAsync("lodash");

        await Page.GetByRole(AriaRole.Link, new() { Name = "CVE-2025-90101" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "CVE-2025-90101" })).ToBeVisibleAsync();
        await Expect(Page.GetByText("zipObjectDeep assigns through paths")).ToBeVisibleAsync();
        await Expect(Page.GetByText("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "CWE-1321" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("aliases")).ToContainTextAsync("GHSA-8hv4-jw5f-qm2c");
        var affected = Page.GetByTestId("affected");
        await Expect(affected.GetByRole(AriaRole.Link, new() { Name = "shop 1.0.0" })).ToBeVisibleAsync();
        await Expect(affected).ToContainTextAsync("lodash@4.17.4");
        await Expect(affected).ToContainTextAsync("4.17.21");
        await ScreenshotAsync("12-vulnerability");

        await affected.GetByRole(AriaRole.Link, new() { Name = "shop 1.0.0" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Portfolio" }).First.ClickAsync();
        var project = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "shop" });
        await Expect(project).ToContainTextAsync("Succeeded");
        await Expect(project).ToContainTextAsync("1 critical, 1 high, 1 medium, 1 low");
        await Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Vulnerabilities in the portfolio by severity: 1 critical, 1 high, 1 medium, 1 low" })).ToBeVisibleAsync();
        await ScreenshotAsync("13-portfolio");
    }

    [Fact]
    public async Task Components_are_searched_sorted_and_Analyze_now_adds_to_the_history()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        using var bom = WebBoms.ToFile(WebBoms.Shop());
        await Page.GetByLabel("Project name").FillAsync("shop");
        await Page.GetByLabel("CycloneDX SBOM (JSON or XML)").SetInputFilesAsync(bom.Path);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload SBOM" }).ClickAsync();
        await Expect(Page.GetByTestId("analysis-state")).ToHaveTextAsync("Succeeded");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Analyze now" }).ClickAsync();
        await Expect(Page.GetByTestId("analysis-state")).ToHaveTextAsync("Succeeded");
        await Expect(Page.GetByTestId("processing")).ToHaveCountAsync(0);
        await Page.GetByText("Show the numbers as a table").ClickAsync();
        await Expect(Page.Locator("details table tbody tr")).ToHaveCountAsync(2);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Components" }).ClickAsync();
        var rows = Page.GetByTestId("components").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.First).ToContainTextAsync("debian");
        await Expect(Page.GetByText("pkg:npm/lodash@4.17.4")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Name", Exact = true }).ClickAsync();
        await Expect(rows.First).ToContainTextAsync("lodash");
        await ScreenshotAsync("14-components");

        await Page.GetByLabel("Search components").FillAsync("SSL");
        await Page.GetByLabel("Search components").PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("libssl3");
        await Page.GetByLabel("Search components").FillAsync("nothing-like-this");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(Page.GetByText("No component matches")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_file_that_is_not_an_SBOM_is_refused_next_to_the_file_field()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        using var notABom = WebBoms.ToFile("{\"hello\": \"world\"}", "notes.json");

        await Page.GetByLabel("Project name").FillAsync("shop");
        await Page.GetByLabel("CycloneDX SBOM (JSON or XML)").SetInputFilesAsync(notABom.Path);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload SBOM" }).ClickAsync();

        await Expect(Page.GetByLabel("CycloneDX SBOM (JSON or XML)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#Bom-error")).ToContainTextAsync("not a CycloneDX SBOM Depwatch can read");
        await Expect(Page.GetByText("No projects yet.")).ToBeVisibleAsync();
    }

    private async Task ExpectFirstFindingAsync(string vulnId) =>
        await Expect(FindingRows.First.GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(vulnId);
}
