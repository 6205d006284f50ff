using System.Text.Json.Nodes;
using Depwatch.Testing.Browser;
using Depwatch.Testing.Notifications;
using Depwatch.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Depwatch.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NotificationBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserSession(browser, output)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Depwatch:Notifications:AllowPrivateAddresses"] = "true" };

    [Fact]
    public async Task An_administrator_sets_up_a_signed_webhook_rule_and_sends_a_test()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await App.CreateRootAsync();
        await SignInAsync(Users.Root);
        await Page.GotoAsync("/admin/analyzers/trivy");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Exact = true })).ToBeVisibleAsync();

        await Page.GetByLabel("Name").FillAsync("Security webhook");
        await Page.GetByLabel("Publisher").SelectOptionAsync(new SelectOptionValue { Label = "Outbound Webhook" });
        await Page.GetByLabel("Destination").FillAsync(new Uri(receiver.BaseUrl, "hooks/security").ToString());
        await Page.GetByLabel("Signing secret (webhook)").FillAsync("browser-secret");
        await Page.GetByLabel("NEW_VULNERABILITY").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rule Security webhook was created.");
        Assert.DoesNotContain("browser-secret", await Page.ContentAsync(), StringComparison.Ordinal);
        await ScreenshotAsync("40-notification-rule");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Send test for Security webhook" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("A test notification was delivered for Security webhook.");
        var received = Assert.Single(receiver.Received);
        Assert.Equal("/hooks/security", received.Path);
        Assert.StartsWith("sha256=", received.Headers["X-Depwatch-Signature-256"]);
        Assert.Equal("NEW_VULNERABILITY", (string?)JsonNode.Parse(received.Body)!["notification"]!["group"]);
        await ScreenshotAsync("41-notification-test-sent");
    }
}
