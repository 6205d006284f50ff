using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Depwatch.Server.Options;

namespace Depwatch.Server.Observability;

/// <summary>
/// HTTP Basic authentication for <c>/metrics</c>, the way Prometheus's <c>basic_auth</c> scrapes: the API's keys are
/// for teams, and a scraper should not need one with access to the portfolio.
/// </summary>
internal sealed class MetricsAuthentication(RequestDelegate next, TelemetryOptions options)
{
    private readonly byte[] _expected = Digest(options.MetricsUsername, options.MetricsPassword ?? "");

    public async Task InvokeAsync(HttpContext context)
    {
        if (options.MetricsAllowAnonymous || Authenticated(context.Request))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Depwatch metrics\", charset=\"UTF-8\"";
        await context.Response.WriteAsync("The metrics need the user name and password set in Depwatch:Telemetry (HTTP Basic authentication).");
    }

    private bool Authenticated(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }
        Span<byte> decoded = stackalloc byte[1024];
        if (!Convert.TryFromBase64String(header.Parameter, decoded, out var length))
        {
            return false;
        }
        var credentials = Encoding.UTF8.GetString(decoded[..length]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && CryptographicOperations.FixedTimeEquals(Digest(credentials[..colon], credentials[(colon + 1)..]), _expected);
    }

    // Hashed so that the comparison takes as long whatever the lengths of what was sent.
    private static byte[] Digest(string user, string password) => SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\n{password}"));
}
