using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Depwatch.Server.Tests.Notifications;

/// <summary>Sets up notification rules the way an administrator's script does, through Dependency-Track's API.</summary>
public static class NotificationApi
{
    public const string Webhook = "Outbound Webhook";

    /// <summary>The uuid of the publisher named <paramref name="name"/>.</summary>
    public static async Task<string> PublisherAsync(HttpClient client, string name)
    {
        var publishers = await client.GetFromJsonAsync<JsonArray>("/api/v1/notification/publisher");
        return (string)publishers!.Single(p => (string?)p!["name"] == name)!["uuid"]!;
    }

    /// <summary>Creates an enabled rule on <paramref name="publisher"/> sending <paramref name="groups"/> to <paramref name="destination"/>.</summary>
    public static async Task<JsonObject> CreateRuleAsync(
        HttpClient client, string publisher, string destination, string[] groups, string? secret = null, string scope = "PORTFOLIO",
        string level = "INFORMATIONAL")
    {
        var created = await client.PutAsJsonAsync("/api/v1/notification/rule", new
        {
            name = $"rule {Guid.NewGuid():N}", scope, notificationLevel = level, publisher = new { uuid = await PublisherAsync(client, publisher) },
        });
        created.EnsureSuccessStatusCode();
        var rule = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var config = new JsonObject { ["destination"] = destination };
        if (secret is not null)
        {
            config["secret"] = secret;
        }
        var updated = await client.PostAsJsonAsync("/api/v1/notification/rule", new
        {
            uuid = (string)rule["uuid"]!, enabled = true, notifyOn = groups, publisherConfig = config.ToJsonString(),
        });
        updated.EnsureSuccessStatusCode();
        return (await updated.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> RuleAsync(HttpClient client, string uuid)
    {
        var rules = await client.GetFromJsonAsync<JsonArray>("/api/v1/notification/rule");
        return rules!.Single(r => (string?)r!["uuid"] == uuid)!.AsObject();
    }

    /// <summary>What a receiver computes to check the signature header: HMAC-SHA256 of the raw body with the shared secret.</summary>
    public static string ExpectedSignature(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
