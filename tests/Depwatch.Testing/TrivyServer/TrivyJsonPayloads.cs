using System.Globalization;
using System.Text.Json.Nodes;

namespace Depwatch.Testing.TrivyServer;

/// <summary>
/// JSON Twirp request bodies that work with old and new Trivy servers alike: each renamed field is
/// sent under both of its JSON names, and every server ignores the name it does not know.
/// </summary>
public static class TrivyJsonPayloads
{
    public static JsonObject ScanRequest(string blobId) => new()
    {
        ["target"] = "fixture",
        ["artifact_id"] = blobId,
        ["blob_ids"] = new JsonArray(blobId),
        ["options"] = new JsonObject
        {
            ["vuln_type"] = new JsonArray("os", "library"),
            ["pkg_types"] = new JsonArray("os", "library"),
            ["scanners"] = new JsonArray("vuln"),
            ["security_checks"] = new JsonArray("vuln"),
        },
    };

    /// <summary>A BlobInfo with an OS and its packages, and/or one application.</summary>
    public static JsonObject Blob(
        (string Family, string Name)? os = null, JsonObject[]? osPackages = null, (string Type, JsonObject[] Packages)? application = null)
    {
        var blob = new JsonObject { ["schema_version"] = 2 };
        if (os is { } system)
        {
            blob["os"] = new JsonObject { ["family"] = system.Family, ["name"] = system.Name };
            blob["package_infos"] = new JsonArray(new JsonObject { ["file_path"] = "", ["packages"] = new JsonArray(osPackages ?? []) });
        }

        if (application is { } app)
        {
            blob["applications"] = new JsonArray(new JsonObject
            {
                ["type"] = app.Type,
                ["file_path"] = "",
                ["libraries"] = new JsonArray([.. app.Packages]),
                ["packages"] = new JsonArray([.. app.Packages.Select(package => package.DeepClone())]),
            });
        }

        return blob;
    }

    /// <summary>An OS package whose source has the same version; <paramref name="version"/> may carry an epoch ("1:4.13").</summary>
    public static JsonObject OsPackage(string id, string name, string sourceName, string version, string release, string arch = "x86_64")
    {
        var (epoch, upstream) = version.Split(':') is [var e, var v] ? (int.Parse(e, CultureInfo.InvariantCulture), v) : (0, version);
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["version"] = upstream,
            ["release"] = release,
            ["epoch"] = epoch,
            ["arch"] = arch,
            ["src_name"] = sourceName,
            ["src_version"] = upstream,
            ["src_release"] = release,
            ["src_epoch"] = epoch,
        };
    }

    public static JsonObject LanguagePackage(string id, string name, string version) =>
        new() { ["id"] = id, ["name"] = name, ["version"] = version };
}
