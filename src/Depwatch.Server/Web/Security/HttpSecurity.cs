using Depwatch.Server.Options;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Web.Security;

/// <summary>
/// What every answer needs, page or API, whatever the request carried: the client's own address and scheme when a
/// trusted reverse proxy forwards them (so cookies are <c>Secure</c> behind a TLS proxy and sign-in throttling sees
/// the real client), HSTS over HTTPS, and headers that keep pages from being framed, sniffed or made to load
/// anything from elsewhere.
/// </summary>
internal static class HttpSecurity
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    public static IServiceCollection AddHttpSecurity(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<DepwatchOptions>>((forwarded, options) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk back through a chain of trusted proxies to the first address that is not one.
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in options.Value.TrustedProxyNetworks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static void UseHttpSecurity(this WebApplication app)
    {
        // With no proxy named, the middleware would believe forwarded headers from anyone: leave it out.
        if (app.Services.GetRequiredService<IOptions<DepwatchOptions>>().Value.TrustedProxyNetworks().Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseHsts();
        // Set as the answer starts, so that error answers, whose headers are cleared on the way, carry them too.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
