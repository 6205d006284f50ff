using System.Buffers;
using Depwatch.Server.Data;
using Depwatch.Server.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Endpoints;

/// <summary>
/// What every request is checked for before an endpoint sees it, so that every endpoint answers alike on every
/// database: a body over <see cref="DepwatchOptions.MaxRequestBytes"/> gets 413, and a control character in the path
/// or a query parameter gets 400 naming it (PostgreSQL cannot compare a NUL character; SQLite can).
/// </summary>
internal static class RequestLimits
{
    public const string TooLargeTitle = "The request body is too large";

    // How much of a refused body is read and dropped so that the client reads the answer; beyond, the connection is closed.
    private const long MaxDiscardedBytes = 1L << 30;
    private static readonly TimeSpan s_discardTime = TimeSpan.FromSeconds(60);

    public static string TooLargeDetail(long maxBytes) =>
        $"The request body is larger than {maxBytes} bytes, the most this server accepts (setting Depwatch:MaxRequestBytes). "
        + "Send a smaller body (e.g. a smaller BOM) or ask the administrator to raise the limit.";

    public static void UseRequestLimits(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (InputProblem(context.Request) is { } problem)
        {
            await RefuseAsync(context, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid", detail: problem));
            return;
        }
        var maxBytes = context.RequestServices.GetRequiredService<IOptions<DepwatchOptions>>().Value.MaxRequestBytes;
        // Kestrel's own limit would abort the connection while the client is still sending: the client would never read the 413.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
        {
            kestrelLimit.MaxRequestBodySize = null;
        }
        if (context.Request.ContentLength > maxBytes)
        {
            await RefuseAsync(context, TooLarge(maxBytes));
            return;
        }
        var original = context.Request.Body;
        var body = new SizeLimitedStream(original, maxBytes);
        context.Request.Body = body;
        try
        {
            await next(context);
        }
        catch (Exception) when (body.Exceeded && !context.Response.HasStarted)
        {
            // The endpoint failed on the body it could not read whole: the answer is 413 all the same.
        }
        if (body.Exceeded && !context.Response.HasStarted)
        {
            context.Request.Body = original;
            context.Response.Clear();
            await RefuseAsync(context, TooLarge(maxBytes));
        }
    });

    /// <summary>
    /// Reads and drops what is left of a refused request's body, up to a bound. A client still sending when the answer
    /// comes sees the connection reset and never reads it; but a client waiting for 100-continue sends nothing more
    /// unless asked, and is left alone.
    /// </summary>
    public static async Task DiscardRefusedBodyAsync(HttpRequest request)
    {
        if (request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        using var time = new CancellationTokenSource(s_discardTime);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (long discarded = 0; discarded < MaxDiscardedBytes;)
            {
                var read = await request.Body.ReadAsync(buffer, time.Token);
                if (read == 0)
                {
                    return;
                }
                discarded += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // A client that sends too slowly or too much is left to Kestrel, which drains a little more and closes.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task RefuseAsync(HttpContext context, IResult answer)
    {
        await DiscardRefusedBodyAsync(context.Request);
        await answer.ExecuteAsync(context);
    }

    private static IResult TooLarge(long maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: TooLargeTitle, detail: TooLargeDetail(maxBytes));

    private static string? InputProblem(HttpRequest request)
    {
        if (request.Path.Value is { } path && StoredText.IdentifierProblem(path) is { } pathProblem)
        {
            return $"The path {pathProblem}.";
        }
        foreach (var (name, values) in request.Query)
        {
            if (StoredText.IdentifierProblem(name) is { } nameProblem)
            {
                return $"A query parameter's name {nameProblem}.";
            }
            foreach (var value in values)
            {
                if (value is not null && StoredText.IdentifierProblem(value) is { } valueProblem)
                {
                    return $"The query parameter {name} {valueProblem}.";
                }
            }
        }
        return null;
    }
}
