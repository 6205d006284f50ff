using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Writes findings in Dependency-Track's finding shape with the writer <c>depwatch scan</c> uses, so both give the same
/// JSON for the same findings; streamed, so a project with thousands of findings is never held as text whole.
/// </summary>
internal sealed class FindingsJsonResult(IReadOnlyList<(Finding Finding, StoredFinding Stored)> findings) : IResult, IStatusCodeHttpResult
{
    private const int FindingsPerFlush = 200;

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers["X-Total-Count"] = findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartArray();
        for (var i = 0; i < findings.Count; i++)
        {
            FindingJson.Write(json, findings[i].Finding, findings[i].Stored);
            if (i % FindingsPerFlush == FindingsPerFlush - 1)
            {
                await json.FlushAsync(httpContext.RequestAborted);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(httpContext.RequestAborted);
    }
}
