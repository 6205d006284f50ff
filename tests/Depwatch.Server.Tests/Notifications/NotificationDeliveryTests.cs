using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing;
using Depwatch.Testing.Notifications;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Notifications;

/// <summary>
/// Notifications raised by real uploads, analyses (a real Trivy server) and decisions, delivered to a real HTTP receiver:
/// Dependency-Track's JSON signed with the rule's secret, the chat forms, and every notification once after an outage.
/// </summary>
public abstract class NotificationDeliveryTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private const string Secret = "webhook-secret-42";
    private static readonly Dictionary<string, string?> s_fastRetries = new()
    {
        ["Depwatch:Notifications:AllowPrivateAddresses"] = "true",
        ["Depwatch:Notifications:PollInterval"] = "00:00:00.100",
        ["Depwatch:Notifications:RetryBaseDelay"] = "00:00:00.200",
        ["Depwatch:Notifications:RetryMaxDelay"] = "00:00:01",
        ["Depwatch:Notifications:MaxAttempts"] = "1000",
    };

    private WebhookReceiver _receiver = null!;
    private DepwatchApplication? _app;

    [Fact]
    public async Task An_upload_and_its_analysis_reach_the_webhook_in_Dependency_Tracks_shape_signed_with_the_rules_secret()
    {
        var client = await StartAsync();
        await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, new Uri(_receiver.BaseUrl, "dt").ToString(),
            ["BOM_CONSUMED", "BOM_PROCESSED", "NEW_VULNERABILITY", "NEW_VULNERABLE_DEPENDENCY"], Secret);

        var project = await client.UploadAndWaitAsync("shop", "1.0", TestBoms.DebianAndNpm());

        var received = await _receiver.WaitForAsync(_ => true, 8);
        Assert.All(received, r => Assert.Equal(NotificationApi.ExpectedSignature(r.Body, Secret), r.Headers["X-Depwatch-Signature-256"]));
        var notifications = received.Select(r => JsonNode.Parse(r.Body)!["notification"]!.AsObject()).ToList();
        Assert.All(notifications, n => Assert.Equal("PORTFOLIO", (string?)n["scope"]));
        var processed = notifications.Single(n => (string?)n["group"] == "BOM_PROCESSED");
        Assert.Equal((string?)project["uuid"], (string?)processed["subject"]!["project"]!["uuid"]);
        Assert.Equal("shop", (string?)processed["subject"]!["project"]!["name"]);
        Assert.Equal("CycloneDX", (string?)processed["subject"]!["bom"]!["format"]);
        Assert.Single(notifications, n => (string?)n["group"] == "BOM_CONSUMED");
        var newVulnerabilities = notifications.Where(n => (string?)n["group"] == "NEW_VULNERABILITY")
            .Select(n => $"{n["subject"]!["component"]!["name"]} {n["subject"]!["vulnerability"]!["vulnId"]}").Order().ToList();
        Assert.Equal(["libssl3 CVE-2024-90001", "libssl3 CVE-2024-90002", "lodash CVE-2025-90101", "lodash GHSA-r4q8-vxc6-wjf5"], newVulnerabilities);
        var lodash = notifications.Single(n => (string?)n["group"] == "NEW_VULNERABILITY" && (string?)n["subject"]!["vulnerability"]!["vulnId"] == "CVE-2025-90101");
        Assert.Equal("shop", (string?)lodash["subject"]!["affectedProjects"]![0]!["name"]);
        Assert.Equal("pkg:npm/lodash@4.17.4", (string?)lodash["subject"]!["component"]!["purl"]);
        var dependencies = notifications.Where(n => (string?)n["group"] == "NEW_VULNERABLE_DEPENDENCY")
            .Select(n => $"{n["subject"]!["component"]!["name"]} {n["subject"]!["vulnerabilities"]!.AsArray().Count}").Order().ToList();
        Assert.Equal(["libssl3 2", "lodash 2"], dependencies);
    }

    [Fact]
    public async Task Slack_Teams_and_Mattermost_get_their_incoming_webhook_message_forms()
    {
        var client = await StartAsync();
        foreach (var (publisher, path) in new[] { ("Slack", "slack"), ("Microsoft Teams", "teams"), ("Mattermost", "mattermost") })
        {
            await NotificationApi.CreateRuleAsync(client.Http, publisher, new Uri(_receiver.BaseUrl, path).ToString(), ["BOM_PROCESSED"]);
        }

        await client.UploadAndWaitAsync("chat", "2.0", TestBoms.Npm(("left-pad", "1.3.0")));

        var received = await _receiver.WaitForAsync(_ => true, 3);
        var slack = JsonNode.Parse(received.Single(r => r.Path == "/slack").Body)!;
        Assert.Equal("Bill of Materials Processed: A CycloneDX BOM was processed", (string?)slack["text"]);
        Assert.Equal("header", (string?)slack["blocks"]![0]!["type"]);
        Assert.Contains(slack["blocks"]![2]!["fields"]!.AsArray(), f => (string?)f!["text"] == "*Project*\nchat 2.0");
        var teams = JsonNode.Parse(received.Single(r => r.Path == "/teams").Body)!;
        Assert.Equal("MessageCard", (string?)teams["@type"]);
        Assert.Equal("Bill of Materials Processed", (string?)teams["title"]);
        Assert.Contains(teams["sections"]![0]!["facts"]!.AsArray(), f => (string?)f!["name"] == "Project" && (string?)f["value"] == "chat 2.0");
        var mattermost = JsonNode.Parse(received.Single(r => r.Path == "/mattermost").Body)!;
        Assert.StartsWith("#### Bill of Materials Processed\nA CycloneDX BOM was processed", (string?)mattermost["text"]);
        Assert.Contains("| **Project** | chat 2.0 |", (string?)mattermost["text"]);
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_every_notification_exactly_once_when_it_comes_back()
    {
        var client = await StartAsync();
        var rule = await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, new Uri(_receiver.BaseUrl, "down").ToString(), ["BOM_PROCESSED"]);
        await _receiver.StopAsync();

        var names = Enumerable.Range(1, 5).Select(n => $"outage-{n}").ToList();
        foreach (var name in names)
        {
            await client.UploadAndWaitAsync(name, "1.0", TestBoms.Npm(("left-pad", "1.3.0")));
        }
        await JobDatabase.WaitUntilAsync(async () => (await NotificationApi.RuleAsync(client.Http, (string)rule["uuid"]!))["lastError"] is not null, "a failed delivery");
        var failing = await NotificationApi.RuleAsync(client.Http, (string)rule["uuid"]!);
        Assert.Equal(5, (int)failing["pendingCount"]!);
        Assert.Contains("127.0.0.1 cannot be reached", (string?)failing["lastError"]);
        await _receiver.StartAgainAsync();

        var received = await _receiver.WaitForAsync(_ => true, 5);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var projects = _receiver.Received.Select(r => JsonNode.Parse(r.Body)!["notification"]!["subject"]!["project"]!["name"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(names, projects);
        Assert.Equal(5, _receiver.Received.Select(r => r.Headers["X-Depwatch-Delivery"]).Distinct().Count());
        var delivered = await NotificationApi.RuleAsync(client.Http, (string)rule["uuid"]!);
        Assert.Equal(0, (int)delivered["pendingCount"]!);
        Assert.Null(delivered["lastError"]);
        Assert.NotNull(delivered["lastDelivery"]);
    }

    [Fact]
    public async Task A_notification_is_given_up_after_MaxAttempts_and_kept_with_its_error()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server, new Dictionary<string, string?>(s_fastRetries)
        {
            ["Depwatch:Notifications:MaxAttempts"] = "2",
        });
        var client = new PortfolioClient(_app.CreateClient());
        var rule = await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, new Uri(_receiver.BaseUrl, "gone").ToString(), ["BOM_PROCESSED"]);
        await _receiver.StopAsync();

        await client.UploadAndWaitAsync("given-up", "1.0", TestBoms.Npm(("left-pad", "1.3.0")));

        await JobDatabase.WaitUntilAsync(async () => (int)(await NotificationApi.RuleAsync(client.Http, (string)rule["uuid"]!))["failedCount"]! == 1, "the notification given up");
        await _receiver.StartAgainAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var state = await NotificationApi.RuleAsync(client.Http, (string)rule["uuid"]!);
        Assert.Equal(0, (int)state["pendingCount"]!);
        Assert.Contains("cannot be reached", (string?)state["lastError"]);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_decision_that_suppresses_a_finding_is_a_project_audit_change()
    {
        var client = await StartAsync();
        await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, _receiver.BaseUrl.ToString(), ["PROJECT_AUDIT_CHANGE"]);
        var project = (string)(await client.UploadAndWaitAsync("audited", "1", TestBoms.Npm(("lodash", "4.17.4"))))["uuid"]!;
        var finding = (await client.FindingsAsync(project)).Single(f => (string?)f!["vulnerability"]!["vulnId"] == "CVE-2025-90101")!;

        var decided = await client.Http.PutAsJsonAsync("/api/v1/analysis", new
        {
            project, component = (string)finding["component"]!["uuid"]!, vulnerability = (string)finding["vulnerability"]!["uuid"]!,
            analysisState = "FALSE_POSITIVE", isSuppressed = true,
        });
        decided.EnsureSuccessStatusCode();

        var notification = JsonNode.Parse((await _receiver.WaitForAsync(_ => true, 1)).Single().Body)!["notification"]!;
        Assert.Equal("PROJECT_AUDIT_CHANGE", (string?)notification["group"]);
        Assert.Equal("Analysis Decision: Finding Suppressed", (string?)notification["title"]);
        Assert.Equal("FALSE_POSITIVE", (string?)notification["subject"]!["analysis"]!["state"]);
        Assert.True((bool)notification["subject"]!["analysis"]!["suppressed"]!);
        Assert.Equal("CVE-2025-90101", (string?)notification["subject"]!["vulnerability"]!["vulnId"]);
    }

    [Fact]
    public async Task A_new_policy_violation_is_a_POLICY_VIOLATION_notification_naming_the_policy_and_component()
    {
        var client = await StartAsync();
        await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, _receiver.BaseUrl.ToString(), ["POLICY_VIOLATION"]);
        await new Policies.PolicyClient(_app!, client.Http).CreateAsync("no-lodash", "FAIL", "ANY", ("PACKAGE_URL", "MATCHES", "pkg:npm/lodash*"));

        await client.UploadAndWaitAsync("governed", "1", TestBoms.Npm(("lodash", "4.17.4"), ("left-pad", "1.3.0")));

        var notification = JsonNode.Parse((await _receiver.WaitForAsync(_ => true, 1)).Single().Body)!["notification"]!;
        Assert.Equal("POLICY_VIOLATION", (string?)notification["group"]);
        Assert.Equal("governed", (string?)notification["subject"]!["project"]!["name"]);
        Assert.Equal("lodash", (string?)notification["subject"]!["component"]!["name"]);
        var violation = notification["subject"]!["policyViolation"]!;
        Assert.Equal("OPERATIONAL", (string?)violation["type"]);
        Assert.Equal("PACKAGE_URL", (string?)violation["policyCondition"]!["subject"]);
        Assert.Equal("no-lodash", (string?)violation["policyCondition"]!["policy"]!["name"]);
        Assert.Equal("FAIL", (string?)violation["policyCondition"]!["policy"]!["violationState"]);
    }

    [Fact]
    public async Task A_rule_limited_to_a_tag_hears_only_of_projects_with_that_tag()
    {
        var client = await StartAsync();
        var rule = await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, _receiver.BaseUrl.ToString(), ["BOM_PROCESSED"]);
        (await client.Http.PostAsJsonAsync("/api/v1/notification/rule", new { uuid = (string)rule["uuid"]!, tags = new[] { new { name = "prod" } } }))
            .EnsureSuccessStatusCode();
        (await client.Http.PutAsJsonAsync("/api/v1/project", new { name = "tagged", version = "1.0", tags = new[] { new { name = "prod" } } })).EnsureSuccessStatusCode();

        await client.UploadAndWaitAsync("untagged", "1.0", TestBoms.Npm(("left-pad", "1.3.0")));
        await client.UploadAndWaitAsync("tagged", "1.0", TestBoms.Npm(("left-pad", "1.3.0")));

        var received = await _receiver.WaitForAsync(_ => true, 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(["tagged"], _receiver.Received.Select(r => (string?)JsonNode.Parse(r.Body)!["notification"]!["subject"]!["project"]!["name"]));
    }

    [Fact]
    public async Task A_Trivy_failure_is_an_ANALYZER_notification_in_the_system_scope()
    {
        var client = await StartAsync(trivyUrl: $"http://127.0.0.1:{FreePort.Find()}/");
        await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, _receiver.BaseUrl.ToString(), ["ANALYZER"], scope: "SYSTEM", level: "ERROR");

        await client.UploadAsync("unanalysed", "1.0", TestBoms.Npm(("left-pad", "1.3.0")));

        var notification = JsonNode.Parse((await _receiver.WaitForAsync(_ => true, 1)).First().Body)!["notification"]!;
        Assert.Equal("ANALYZER", (string?)notification["group"]);
        Assert.Equal("SYSTEM", (string?)notification["scope"]);
        Assert.Equal("ERROR", (string?)notification["level"]);
        Assert.Contains("unanalysed 1.0", (string?)notification["content"]);
    }

    [Fact]
    public async Task Internal_addresses_are_refused_unless_allowed_and_the_error_keeps_the_token_out()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server, new Dictionary<string, string?>(s_fastRetries)
        {
            ["Depwatch:Notifications:AllowPrivateAddresses"] = "false",
        });
        var client = new PortfolioClient(_app.CreateClient());
        var rule = await NotificationApi.CreateRuleAsync(client.Http, "Slack", new Uri(_receiver.BaseUrl, "services/T1/B2/TopSecretToken").ToString(), ["BOM_PROCESSED"]);

        await client.UploadAndWaitAsync("internal", "1.0", TestBoms.Npm(("left-pad", "1.3.0")));

        await JobDatabase.WaitUntilAsync(async () => (await NotificationApi.RuleAsync(client.Http, (string)rule["uuid"]!))["lastError"] is not null, "a failed delivery");
        var error = (string)(await NotificationApi.RuleAsync(client.Http, (string)rule["uuid"]!))["lastError"]!;
        Assert.Contains("internal address 127.0.0.1", error);
        Assert.Contains("Depwatch:Notifications:AllowPrivateAddresses", error);
        Assert.DoesNotContain("TopSecretToken", error);
        Assert.Empty(_receiver.Received);
    }

    private async Task<PortfolioClient> StartAsync(string? trivyUrl = null)
    {
        var settings = new Dictionary<string, string?>(s_fastRetries);
        if (trivyUrl is not null)
        {
            settings["Depwatch:Trivy:BaseUrl"] = trivyUrl;
        }
        _app = await AnalysisHost.StartAsync(storage, trivy.Server, settings);
        return new PortfolioClient(_app.CreateClient());
    }

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[Collection(TrivyCollection.Name)]
public sealed class NotificationDeliveryOnSqlite(TrivyServerFixture trivy) : NotificationDeliveryTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class NotificationDeliveryOnPostgres(TrivyServerFixture trivy) : NotificationDeliveryTests(StorageKind.Postgres, trivy);
