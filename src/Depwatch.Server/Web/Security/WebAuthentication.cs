using Depwatch.Server.Auth;
using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Depwatch.Server.Web.Security;

/// <summary>
/// Two ways in: the REST API keeps authenticating by <c>X-Api-Key</c> and answers 401/403, the pages use a session
/// cookie and send people to the sign-in page. A policy scheme picks one per request.
/// </summary>
internal static class WebAuthentication
{
    public const string SelectorScheme = "ApiKeyOrSession";
    public const string CookieScheme = "Session";
    public const string CookieName = "depwatch.session";

    private static readonly string[] s_apiPrefixes = ["/api", "/openapi", "/health"];

    public static void AddWebAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options => options.DefaultScheme = SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or session cookie", options =>
                options.ForwardDefaultSelector = context => IsApiRequest(context) ? ApiKeyAuthenticationHandler.SchemeName : CookieScheme)
            .AddCookie(CookieScheme, ConfigureCookie);
    }

    /// <summary>Requests for the REST API (or carrying an API key) are never answered with the sign-in page.</summary>
    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header)
        || s_apiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>After a change that ended the user's sessions, signs this one in again, so only the others end.</summary>
    public static async Task RenewSessionAsync(this HttpContext context, UserStore users, Guid userId, CancellationToken cancellationToken)
    {
        if (await users.FindSessionAsync(userId, cancellationToken) is { } session)
        {
            await context.SignInAsync(CookieScheme, UserPrincipal.Create(session.User, session.SecurityStamp));
        }
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/login";
        options.LogoutPath = "/logout";
        options.AccessDeniedPath = "/access-denied";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = ValidateSessionAsync,
            OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
            OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
        };
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (IsApiRequest(context.HttpContext))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    // Every request reads the user afresh: a deleted user, a changed password or changed permissions end older sessions.
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var session = context.Principal?.UserId() is { } id ? await users.FindSessionAsync(id, context.HttpContext.RequestAborted) : null;
        if (session is not { } current || context.Principal!.FindFirst(UserPrincipal.StampClaim)?.Value != current.SecurityStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }
        context.ReplacePrincipal(UserPrincipal.Create(current.User, current.SecurityStamp));
    }
}
