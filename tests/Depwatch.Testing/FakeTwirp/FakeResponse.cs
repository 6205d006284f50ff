using System.Text;
using Microsoft.AspNetCore.Http;

namespace Depwatch.Testing.FakeTwirp;

/// <summary>What the fake server answers to one request.</summary>
public sealed record FakeResponse(int Status, string ContentType, byte[] Body, bool DropConnection = false, string? RetryAfter = null)
{
    public static FakeResponse Protobuf(byte[] body) => new(200, "application/protobuf", body);

    public static FakeResponse Json(string body, int status = 200) => new(status, "application/json", Encoding.UTF8.GetBytes(body));

    public static FakeResponse TwirpError(int status, string code, string message) =>
        Json($$"""{"code":"{{code}}","msg":"{{message}}"}""", status);

    public static FakeResponse Text(int status, string body) => new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(body));

    /// <summary>Closes the connection without answering, as a server that dies mid-request does.</summary>
    public static FakeResponse Drop() => new(0, "", [], DropConnection: true);

    public async Task WriteAsync(HttpContext context)
    {
        if (DropConnection)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = Status;
        context.Response.ContentType = ContentType;
        if (RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = RetryAfter;
        }
        await context.Response.Body.WriteAsync(Body).ConfigureAwait(false);
    }
}
