using System.Text.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Notifications;

/// <summary>The objects a notification's subject is made of, in the fields Dependency-Track's webhook sends.</summary>
internal static class NotificationSubjects
{
    public static JsonObject Project(ProjectEntity project, IEnumerable<string> tags)
    {
        var json = new JsonObject { ["uuid"] = project.Id.ToString(), ["name"] = project.Name };
        Add(json, "version", project.Version);
        Add(json, "description", project.Description);
        Add(json, "purl", project.Purl);
        var tagList = tags.ToList();
        if (tagList.Count > 0)
        {
            json["tags"] = string.Join(',', tagList);
        }
        return json;
    }

    public static JsonObject Component(ComponentEntity component)
    {
        var json = new JsonObject { ["uuid"] = component.Id.ToString() };
        Add(json, "group", component.Group);
        json["name"] = component.Name;
        Add(json, "version", component.Version);
        Add(json, "purl", component.Purl);
        return json;
    }

    public static JsonObject Vulnerability(VulnerabilityEntity vulnerability)
    {
        var json = new JsonObject { ["uuid"] = vulnerability.Id.ToString(), ["vulnId"] = vulnerability.VulnId, ["source"] = vulnerability.Source };
        Add(json, "title", vulnerability.Title);
        Add(json, "description", vulnerability.Description);
        if (vulnerability.CvssV3Score is { } v3)
        {
            json["cvssv3"] = v3;
        }
        if (vulnerability.CvssV2Score is { } v2)
        {
            json["cvssv2"] = v2;
        }
        json["severity"] = vulnerability.Severity;
        if (Parse(vulnerability.CwesJson) is JsonArray cwes)
        {
            json["cwes"] = new JsonArray([.. cwes.Select(c => (JsonNode?)new JsonObject { ["cweId"] = c?.DeepClone() })]);
        }
        if (Parse(vulnerability.AliasesJson) is JsonArray aliases)
        {
            json["aliases"] = aliases;
        }
        return json;
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
