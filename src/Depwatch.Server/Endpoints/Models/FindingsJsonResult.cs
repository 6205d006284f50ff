using System.Text.Json;
using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Findings in Dependency-Track's finding shape, written with the writer <c>depwatch scan</c> uses, so both give the
/// same JSON for the same findings. The answer is serialised once and kept by <see cref="FindingsCache"/>.
/// </summary>
internal sealed class FindingsJsonResult(byte[] body, int count) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public static byte[] Serialize(IReadOnlyList<(Finding Finding, StoredFinding Stored)> findings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (finding, stored) in findings)
            {
                FindingJson.Write(json, finding, stored);
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        response.Headers["X-Total-Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
