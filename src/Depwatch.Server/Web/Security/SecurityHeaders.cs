namespace Depwatch.Server.Web.Security;

/// <summary>Headers that keep the pages from being framed, sniffed or made to load anything from elsewhere.</summary>
internal static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    public static void UseWebSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!WebAuthentication.IsApiRequest(context))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
        }
        await next(context);
    });
}
