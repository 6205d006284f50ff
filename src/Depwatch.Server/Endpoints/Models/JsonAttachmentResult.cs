using System.Text.Json;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>A JSON document to download (an export, a VEX), written straight to the response.</summary>
internal sealed class JsonAttachmentResult(string fileName, string contentType, Action<Utf8JsonWriter> write) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var json = new Utf8JsonWriter(response.Body);
        write(json);
        await json.FlushAsync(httpContext.RequestAborted);
    }
}
