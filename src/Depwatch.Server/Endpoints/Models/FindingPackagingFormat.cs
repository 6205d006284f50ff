using System.Globalization;
using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Dependency-Track's Finding Packaging Format 1.2 (what DefectDojo imports): the exporting system, the project, and
/// its findings in the same shape as the findings API.
/// </summary>
internal static class FindingPackagingFormat
{
    public const string Version = "1.2";

    public static JsonAttachmentResult Result(
        ProjectEntity project, IReadOnlyList<(Finding Finding, StoredFinding Stored)> findings, DateTimeOffset now, string baseUrl) =>
        new($"findings-{project.Id:D}.fpf", "application/json; charset=utf-8", json => Write(json, project, findings, now, baseUrl));

    private static void Write(
        Utf8JsonWriter json, ProjectEntity project, IReadOnlyList<(Finding Finding, StoredFinding Stored)> findings, DateTimeOffset now, string baseUrl)
    {
        json.WriteStartObject();
        json.WriteString("version", Version);
        json.WriteStartObject("meta");
        json.WriteString("application", "Depwatch");
        json.WriteString("version", ServerVersion.Current);
        json.WriteString("timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("baseUrl", baseUrl);
        json.WriteEndObject();
        json.WriteStartObject("project");
        json.WriteString("uuid", project.Id);
        json.WriteString("name", project.Name);
        json.WriteStringIfPresent("version", project.Version);
        json.WriteStringIfPresent("description", project.Description);
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var (finding, stored) in findings)
        {
            FindingJson.Write(json, finding, stored);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
