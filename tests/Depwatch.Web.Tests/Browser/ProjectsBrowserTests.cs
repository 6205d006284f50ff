using Depwatch.Testing.Browser;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

/// <summary>Projects created, edited and deleted in the UI; the portfolio's tree, search, tag filter, sorting and phone layout.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectsBrowserTests(BrowserFixture browser, TrivyServerFixture trivy, ITestOutputHelper output)
    : BrowserSession(browser, output)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Depwatch:Trivy:BaseUrl"] = trivy.BaseUrl.ToString(),
        ["Depwatch:Trivy:ApiToken"] = trivy.Token,
    };

    private ILocator ProjectRows => Page.GetByTestId("projects").Locator("tbody tr");

    private ILocator Row(string name) => ProjectRows.Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    [Fact]
    public async Task Projects_are_created_under_a_parent_edited_with_the_APIs_refusals_shown_and_deleted()
    {
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Create project" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(Page.Locator("#Form_Name-error")).ToHaveTextAsync("The name must not be blank.");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("platform");
        await Page.GetByLabel("Tags").FillAsync("Team-A, payments");
        await Page.GetByLabel("Classifier").SelectOptionAsync("PLATFORM");
        await Page.GetByLabel("Description").FillAsync("Everything the shop runs on");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "platform" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("tags")).ToContainTextAsync("payments");
        await Expect(Page.GetByTestId("tags")).ToContainTextAsync("team-a");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Add a child project" }).ClickAsync();
        await Expect(Page.GetByLabel("Parent project")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("[0-9a-f-]{36}"));
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("shop-api");
        await Page.Locator("#Form_Version").FillAsync("2.0");
        await Page.GetByLabel("Package URL (purl)").FillAsync("pkg:npm/shop-api@2.0");
        await ScreenshotAsync("30-project-form");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(Page.GetByTestId("parent")).ToHaveTextAsync("platform");

        await Page.GotoAsync("/projects/edit");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("platform");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(Page.Locator("#Form_Name-error")).ToHaveTextAsync("A project with the specified name already exists.");

        await Page.GotoAsync("/");
        await Row("platform").GetByRole(AriaRole.Link, new() { Name = "platform" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit project" }).ClickAsync();
        await Page.GetByLabel("Active", new() { Exact = true }).UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save project" }).ClickAsync();
        await Expect(Page.Locator("#Form_Active-error")).ToHaveTextAsync("Project cannot be set to inactive if active children are present.");
        await ScreenshotAsync("31-project-refused");
        await PhoneScreenshotAsync("31b-project-form-phone");

        await Page.GotoAsync("/");
        await Row("shop-api").GetByRole(AriaRole.Link, new() { Name = "shop-api" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit project" }).ClickAsync();
        await Expect(Page.GetByLabel("Package URL (purl)")).ToHaveValueAsync("pkg:npm/shop-api@2.0");
        await Page.GetByLabel("Active", new() { Exact = true }).UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save project" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Portfolio" }).First.ClickAsync();
        await Expect(Row("shop-api")).ToHaveCountAsync(0);
        await Page.GetByLabel("Show inactive projects").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(Row("shop-api")).ToContainTextAsync("inactive");

        await Row("shop-api").GetByRole(AriaRole.Link, new() { Name = "shop-api" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit project" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete project" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Portfolio", Exact = true })).ToBeVisibleAsync();
        await Page.GotoAsync("/?inactive=true");
        await Expect(ProjectRows).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_portfolio_is_a_collapsible_tree_searched_by_name_or_tag_filtered_by_a_clicked_tag_and_sorted()
    {
        await App.CreateRootAsync();
        using (var api = new ApiClient(App))
        {
            var platform = await api.UploadAndWaitAsync("platform", null, WebBoms.Shop(), ["payments"]);
            await api.UploadAndWaitAsync("shop", "1.0.0", WebBoms.Shop(), ["team-a"], parent: platform);
            await api.UploadAndWaitAsync("billing", "3.1", WebBoms.Shop(), ["team-b"], parent: platform);
            await api.UploadAndWaitAsync("archive", null, WebBoms.WithoutFindings(), []);
        }
        await SignInAsync(Users.Root);

        await Expect(ProjectRows).ToHaveCountAsync(4);
        Assert.Equal(["archive", "platform", "billing", "shop"], await RowNamesAsync());
        await Expect(Row("shop")).ToHaveAttributeAsync("data-depth", "1");
        await Expect(Row("platform")).ToHaveAttributeAsync("data-depth", "0");
        await ScreenshotAsync("32-portfolio-tree");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Collapse the children of platform" }).ClickAsync();
        await Expect(Row("shop")).ToBeHiddenAsync();
        await Expect(Row("billing")).ToBeHiddenAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Expand the children of platform" }).ClickAsync();
        await Expect(Row("shop")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Risk score" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Risk score" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Columnheader, new() { Name = "Risk score" })).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Equal("archive", (await RowNamesAsync())[^1]);

        await Row("shop").GetByRole(AriaRole.Link, new() { Name = "team-a" }).ClickAsync();
        await Expect(Page.GetByTestId("tag-filter")).ToContainTextAsync("team-a");
        Assert.Equal(["shop"], await RowNamesAsync());
        await Page.GetByRole(AriaRole.Link, new() { Name = "show all tags" }).ClickAsync();

        await Page.GetByLabel("Search projects").FillAsync("payments");
        await Page.GetByLabel("Search projects").PressAsync("Enter");
        Assert.Equal(["platform"], await RowNamesAsync());
        await Page.GetByLabel("Search projects").FillAsync("SHO");
        await Page.GetByLabel("Search projects").PressAsync("Enter");
        Assert.Equal(["shop"], await RowNamesAsync());
        await Expect(Row("shop")).ToHaveAttributeAsync("data-depth", "0");
    }

    [Fact]
    public async Task At_phone_width_the_portfolios_risk_score_and_each_findings_severity_are_on_screen()
    {
        await App.CreateRootAsync();
        Guid shop;
        using (var api = new ApiClient(App))
        {
            shop = await api.UploadAndWaitAsync("a-project-with-a-long-name-for-a-phone", "2026.12.03-build.1842", WebBoms.Shop(), ["team-a", "payments"]);
        }
        await SignInAsync(Users.Root);

        var phone = await OpenOnPhoneAsync();
        var risk = phone.GetByTestId("risk-score").First;
        await Expect(risk).ToHaveTextAsync("19");
        await ExpectInsideViewportAsync(phone, risk);
        await ScreenshotAsync("33-portfolio-phone", phone);

        await phone.GotoAsync(new Uri(App.BaseUrl, $"/projects/{shop}").ToString());
        var severities = phone.GetByTestId("findings").GetByTestId("severity");
        await Expect(severities).ToHaveCountAsync(4);
        foreach (var severity in await severities.AllAsync())
        {
            await ExpectInsideViewportAsync(phone, severity);
        }
        await Expect(severities.First).ToHaveTextAsync("Critical");
        await ScreenshotAsync("34-findings-phone", phone);
        await phone.Context.CloseAsync();
    }

    private async Task<List<string>> RowNamesAsync()
    {
        await Expect(ProjectRows.First).ToBeVisibleAsync();
        return [.. (await ProjectRows.Locator("th[scope=row] > a").AllInnerTextsAsync()).Select(n => n.Trim())];
    }
}
