using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// A project's findings in Dependency-Track's Finding Packaging Format 1.2 (what DefectDojo imports): the exporting
/// system, the project, and the findings in the same shape as the findings API.
/// </summary>
internal sealed class FindingsExportResult(ProjectEntity project, IReadOnlyList<(Finding Finding, StoredFinding Stored)> findings, DateTimeOffset now)
    : IResult, IStatusCodeHttpResult
{
    public const string FormatVersion = "1.2";

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"findings-{project.Id:D}.fpf\"";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("version", FormatVersion);
        json.WriteStartObject("meta");
        json.WriteString("application", "Depwatch");
        json.WriteString("version", ServerVersion.Current);
        json.WriteString("timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("baseUrl", $"{request.Scheme}://{request.Host}{request.PathBase}");
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
        await json.FlushAsync(httpContext.RequestAborted);
    }
}
