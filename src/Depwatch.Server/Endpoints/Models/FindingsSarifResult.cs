using System.Globalization;
using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// A project's findings as the SARIF 2.1.0 log Dependency-Track answers with to <c>Accept: application/sarif+json</c>:
/// one rule per vulnerability ID, one result per finding located at the component's purl, every property a string.
/// </summary>
internal sealed class FindingsSarifResult(Guid projectId, IReadOnlyList<Finding> findings) : IResult, IStatusCodeHttpResult
{
    public const string MediaType = "application/sarif+json";

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType;
        response.Headers.ContentDisposition = $"attachment; filename=\"findings-{projectId:D}.sarif\"";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("version", "2.1.0");
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        json.WriteStartArray("results");
        foreach (var finding in findings)
        {
            WriteResult(json, finding);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(httpContext.RequestAborted);
    }

    private void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Depwatch");
        json.WriteString("fullName", $"Depwatch - {ServerVersion.Current}");
        json.WriteString("version", ServerVersion.Current);
        json.WriteStartArray("rules");
        foreach (var vulnerability in findings.Select(f => f.Vulnerability).DistinctBy(v => v.VulnId))
        {
            json.WriteStartObject();
            json.WriteString("id", vulnerability.VulnId);
            json.WriteString("name", RuleName(vulnerability));
            WriteText(json, "shortDescription", vulnerability.VulnId);
            WriteText(json, "fullDescription", vulnerability.Description?.Trim() ?? "");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding)
    {
        var vulnerability = finding.Vulnerability;
        json.WriteStartObject();
        json.WriteString("ruleId", vulnerability.VulnId);
        WriteText(json, "message", vulnerability.Description?.Trim() ?? "");
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", finding.Component.PurlText ?? "");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("level", Level(vulnerability.Severity));
        json.WriteStartObject("properties");
        json.WriteString("name", finding.Component.Name);
        json.WriteString("group", finding.Component.Group ?? "");
        json.WriteString("version", finding.Component.Version ?? "");
        json.WriteString("source", vulnerability.Source);
        json.WriteString("cweId", vulnerability.Cwes.Count > 0 ? vulnerability.Cwes[0].ToString(CultureInfo.InvariantCulture) : "");
        json.WriteString("cvssV3BaseScore", vulnerability.CvssV3?.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "");
        json.WriteString("epssScore", "");
        json.WriteString("epssPercentile", "");
        json.WriteString("severityRank", SeverityNames.Rank(vulnerability.Severity).ToString(CultureInfo.InvariantCulture));
        json.WriteString("recommendation", FixedVersions.Of(finding) is { Count: > 0 } fixes ? $"Upgrade to {string.Join(" or ", fixes)}." : "");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>As Dependency-Track: the first CWE's name in Pascal case without spaces ("RelativePathTraversal").</summary>
    private static string RuleName(Vulnerability vulnerability) =>
        vulnerability.Cwes.Count > 0 && CweNames.Name(vulnerability.Cwes[0]) is { } name
            ? string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word[1..]))
            : "";

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        Severity.Low or Severity.Info => "note",
        _ => "none",
    };

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
