using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Configuration;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Notifications;

namespace Depwatch.Server.Tests.Notifications;

/// <summary>Dependency-Track's notification publisher and rule API: defaults, rule settings, projects, secrets kept hidden, permissions.</summary>
public abstract class NotificationRuleApiTests(StorageKind storage) : IAsyncLifetime
{
    private const string SlackUrl = "https://hooks.slack.example.com/services/T000/B000/SlackToken0123456789";
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task The_default_publishers_exist_from_the_start()
    {
        var publishers = await _client.GetFromJsonAsync<JsonArray>("/api/v1/notification/publisher");

        var defaults = publishers!.Select(p => p!.AsObject()).Where(p => (bool)p["defaultPublisher"]!)
            .Select(p => ((string?)p["name"], (string?)p["publisherClass"])).Order().ToList();
        Assert.Equal(
        [
            ("Email", "org.dependencytrack.notification.publisher.SendMailPublisher"),
            ("Mattermost", "org.dependencytrack.notification.publisher.MattermostPublisher"),
            ("Microsoft Teams", "org.dependencytrack.notification.publisher.MsTeamsPublisher"),
            ("Outbound Webhook", "org.dependencytrack.notification.publisher.WebhookPublisher"),
            ("Slack", "org.dependencytrack.notification.publisher.SlackPublisher"),
        ], defaults);
    }

    [Fact]
    public async Task A_default_publisher_can_be_neither_changed_nor_deleted_but_an_added_one_can()
    {
        var slack = await NotificationApi.PublisherAsync(_client, "Slack");

        var change = await _client.PostAsJsonAsync("/api/v1/notification/publisher",
            new { uuid = slack, name = "Renamed", publisherClass = "org.dependencytrack.notification.publisher.SlackPublisher" });
        var delete = await _client.DeleteAsync($"/api/v1/notification/publisher/{slack}");
        var added = await _client.PutAsJsonAsync("/api/v1/notification/publisher",
            new { name = "Team chat", publisherClass = "org.dependencytrack.notification.publisher.MattermostPublisher" });
        var unknown = await _client.PutAsJsonAsync("/api/v1/notification/publisher",
            new { name = "Jira", publisherClass = "org.dependencytrack.notification.publisher.JiraPublisher" });

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("publisherClass", await unknown.Content.ReadAsStringAsync());
        var addedId = (string)(await added.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/notification/publisher/{addedId}")).StatusCode);
    }

    [Fact]
    public async Task A_rule_keeps_its_settings_and_shows_its_destination_and_secret_hidden()
    {
        var rule = await NotificationApi.CreateRuleAsync(_client, "Slack", SlackUrl, ["NEW_VULNERABILITY", "BOM_PROCESSED"], secret: "s3cret-value");

        Assert.Equal(["NEW_VULNERABILITY", "BOM_PROCESSED"], rule["notifyOn"]!.AsArray().Select(g => (string?)g));
        Assert.Equal("PORTFOLIO", (string?)rule["scope"]);
        Assert.Equal("Slack", (string?)rule["publisher"]!["name"]);
        var shown = JsonNode.Parse((string)rule["publisherConfig"]!)!;
        Assert.Equal("https://hooks.slack.example.com/HiddenDecryptedPropertyPlaceholder", (string?)shown["destination"]);
        Assert.Equal("HiddenDecryptedPropertyPlaceholder", (string?)shown["secret"]);
        Assert.False(await ConfigPropertyDatabase.ContainsAnywhereAsync(_app, "SlackToken0123456789"));
        Assert.False(await ConfigPropertyDatabase.ContainsAnywhereAsync(_app, "s3cret-value"));
    }

    [Fact]
    public async Task Sending_the_hidden_values_back_keeps_the_stored_destination_and_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var rule = await NotificationApi.CreateRuleAsync(_client, NotificationApi.Webhook, new Uri(receiver.BaseUrl, "hook?token=abc").ToString(),
            ["BOM_PROCESSED"], secret: "kept");

        var resent = await _client.PostAsJsonAsync("/api/v1/notification/rule", new
        {
            uuid = (string)rule["uuid"]!, name = "renamed", publisherConfig = (string)rule["publisherConfig"]!, notificationLevel = "INFORMATIONAL",
        });
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var test = await _client.PostAsync($"/api/v1/notification/publisher/test/{rule["uuid"]}", null);

        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        var received = Assert.Single(receiver.Received);
        Assert.Equal("/hook?token=abc", received.Path);
        Assert.Equal(NotificationApi.ExpectedSignature(received.Body, "kept"), received.Headers["X-Depwatch-Signature-256"]);
        Assert.Equal("Test Notification", (string?)JsonNode.Parse(received.Body)!["notification"]!["title"]);
    }

    [Fact]
    public async Task A_rule_is_limited_to_projects_assigned_to_it_and_answers_304_when_nothing_changes()
    {
        var project = await CreateProjectAsync("assigned");
        var rule = await NotificationApi.CreateRuleAsync(_client, "Slack", SlackUrl, ["BOM_PROCESSED"]);
        var path = $"/api/v1/notification/rule/{rule["uuid"]}/project/{project}";

        var added = await _client.PostAsync(path, null);
        var again = await _client.PostAsync(path, null);
        var listed = await NotificationApi.RuleAsync(_client, (string)rule["uuid"]!);
        var removed = await _client.DeleteAsync(path);
        var removedAgain = await _client.DeleteAsync(path);
        var unknownProject = await _client.PostAsync($"/api/v1/notification/rule/{rule["uuid"]}/project/{Guid.NewGuid()}", null);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(project, (string?)listed["projects"]!.AsArray().Single()!["uuid"]);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, removedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownProject.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"r\",\"scope\":\"EVERYWHERE\",\"notificationLevel\":\"INFORMATIONAL\",\"publisher\":{\"uuid\":\"5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0001\"}}", "scope")]
    [InlineData("{\"name\":\"r\",\"scope\":\"PORTFOLIO\",\"notificationLevel\":\"LOUD\",\"publisher\":{\"uuid\":\"5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0001\"}}", "notificationLevel")]
    [InlineData("{\"name\":\"\",\"scope\":\"PORTFOLIO\",\"notificationLevel\":\"INFORMATIONAL\",\"publisher\":{\"uuid\":\"5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0001\"}}", "name")]
    [InlineData("{\"name\":\"r\",\"scope\":\"PORTFOLIO\",\"notificationLevel\":\"INFORMATIONAL\",\"notifyOn\":[\"EVERYTHING\"],\"publisher\":{\"uuid\":\"5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0001\"}}", "notifyOn")]
    [InlineData("{\"name\":\"r\",\"scope\":\"PORTFOLIO\",\"notificationLevel\":\"INFORMATIONAL\",\"publisherConfig\":\"{\\\"destination\\\":\\\"ftp://x\\\"}\",\"publisher\":{\"uuid\":\"5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0001\"}}", "publisherConfig")]
    public async Task A_bad_rule_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var response = await _client.PutAsync("/api/v1/notification/rule", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"path\":\"{field}\"", await response.Content.ReadAsStringAsync());
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>("/api/v1/notification/rule"))!);
    }

    [Fact]
    public async Task A_deleted_rule_is_gone()
    {
        var rule = await NotificationApi.CreateRuleAsync(_client, "Slack", SlackUrl, ["BOM_PROCESSED"]);

        var deleted = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/notification/rule")
        {
            Content = JsonContent.Create(new { uuid = (string)rule["uuid"]! }),
        });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>("/api/v1/notification/rule"))!);
    }

    [Fact]
    public async Task Rules_and_publishers_need_SYSTEM_CONFIGURATION()
    {
        using var viewer = await BomApi.ClientWithAsync(_app, "VIEW_PORTFOLIO");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/notification/rule")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/notification/publisher")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/notification/publisher/test/{Guid.NewGuid()}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient(apiKey: null).GetAsync("/api/v1/notification/rule")).StatusCode);
    }

    private async Task<string> CreateProjectAsync(string name)
    {
        var response = await _client.PutAsJsonAsync("/api/v1/project", new { name, version = "1.0" });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;
    }

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?> { ["Depwatch:Notifications:AllowPrivateAddresses"] = "true" });
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class NotificationRuleApiOnSqlite() : NotificationRuleApiTests(StorageKind.Sqlite);

public sealed class NotificationRuleApiOnPostgres() : NotificationRuleApiTests(StorageKind.Postgres);
