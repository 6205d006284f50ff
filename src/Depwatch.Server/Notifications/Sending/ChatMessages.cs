using System.Text.Json.Nodes;

namespace Depwatch.Server.Notifications.Sending;

/// <summary>
/// A notification as a chat message: the incoming-webhook forms of Slack (text with Block Kit blocks), Microsoft Teams
/// (a message card with facts) and Mattermost (Markdown text), each with the title, the text and the facts that say
/// what it is about.
/// </summary>
internal static class ChatMessages
{
    public static JsonObject Build(string publisherClass, JsonObject notification)
    {
        var title = (string?)notification["title"] ?? "Depwatch notification";
        var content = (string?)notification["content"] ?? "";
        var facts = Facts(notification);
        return publisherClass switch
        {
            PublisherClasses.Slack => Slack(title, content, facts),
            PublisherClasses.MicrosoftTeams => Teams(title, content, facts),
            _ => Mattermost(title, content, facts),
        };
    }

    /// <summary>What the notification is about, as name and value pairs, in a fixed order.</summary>
    public static List<(string Name, string Value)> Facts(JsonObject notification)
    {
        var subject = notification["subject"] as JsonObject;
        var facts = new List<(string, string)> { ("Level", (string?)notification["level"] ?? ""), ("Group", (string?)notification["group"] ?? "") };
        var project = subject?["project"] as JsonObject ?? (subject?["affectedProjects"] as JsonArray)?.FirstOrDefault() as JsonObject;
        if (project is not null)
        {
            facts.Add(("Project", Coordinates(null, (string?)project["name"], (string?)project["version"])));
        }
        if (subject?["component"] is JsonObject component)
        {
            facts.Add(("Component", Coordinates((string?)component["group"], (string?)component["name"], (string?)component["version"])));
        }
        if (subject?["vulnerability"] is JsonObject vulnerability)
        {
            facts.Add(("Vulnerability", $"{(string?)vulnerability["vulnId"]} ({(string?)vulnerability["severity"]})"));
        }
        if (subject?["vulnerabilities"] is JsonArray vulnerabilities)
        {
            facts.Add(("Vulnerabilities", string.Join(", ", vulnerabilities.OfType<JsonObject>().Select(v => (string?)v["vulnId"]))));
        }
        if (subject?["policyViolation"]?["policyCondition"]?["policy"] is JsonObject policy)
        {
            facts.Add(("Policy", $"{(string?)policy["name"]} ({(string?)policy["violationState"]})"));
        }
        if (subject?["analysis"] is JsonObject analysis)
        {
            facts.Add(("Analysis", $"{(string?)analysis["state"]}{((bool?)analysis["suppressed"] == true ? ", suppressed" : "")}"));
        }
        return facts;
    }

    private static JsonObject Slack(string title, string content, List<(string Name, string Value)> facts) => new()
    {
        ["text"] = $"{title}: {content}",
        ["blocks"] = new JsonArray(
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(title, 150) } },
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(content, 3000) } },
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray([.. facts.Take(10).Select(f => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{f.Name}*\n{f.Value}" })]),
            }),
    };

    private static JsonObject Teams(string title, string content, List<(string Name, string Value)> facts) => new()
    {
        ["@type"] = "MessageCard",
        ["@context"] = "https://schema.org/extensions",
        ["summary"] = title,
        ["title"] = title,
        ["text"] = content,
        ["sections"] = new JsonArray(new JsonObject
        {
            ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value })]),
        }),
    };

    private static JsonObject Mattermost(string title, string content, List<(string Name, string Value)> facts) => new()
    {
        ["username"] = "Depwatch",
        ["text"] = $"#### {title}\n{content}\n\n| | |\n|:--|:--|\n" + string.Concat(facts.Select(f => $"| **{f.Name}** | {f.Value} |\n")),
    };

    private static string Coordinates(string? group, string? name, string? version) =>
        (group is null ? "" : group + "/") + name + (version is null ? "" : " " + version);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
