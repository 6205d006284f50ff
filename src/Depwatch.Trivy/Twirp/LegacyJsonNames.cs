using System.Text.Json.Nodes;

namespace Depwatch.Trivy.Twirp;

/// <summary>
/// Trivy servers renamed some JSON fields over time while keeping their numbers. A JSON request carries
/// both names; each server generation ignores the one it does not know.
/// </summary>
internal static class LegacyJsonNames
{
    public static void Add(JsonNode request)
    {
        if (request["options"] is JsonObject options)
        {
            CopyAs(options, "pkg_types", "vuln_type");
            CopyAs(options, "scanners", "security_checks");
        }
        if (request["blob_info"]?["applications"] is JsonArray applications)
        {
            foreach (var application in applications.OfType<JsonObject>())
            {
                CopyAs(application, "packages", "libraries");
            }
        }
    }

    private static void CopyAs(JsonObject node, string name, string legacyName)
    {
        if (node[name] is { } value && !node.ContainsKey(legacyName))
        {
            node[legacyName] = value.DeepClone();
        }
    }
}
