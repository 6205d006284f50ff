using System.Security.Claims;
using Depwatch.Server.Auth;
using Depwatch.Server.Web.Users;

namespace Depwatch.Server.Web.Security;

/// <summary>The claims of a signed-in user: the same permission claims an API key's principal carries.</summary>
internal static class UserPrincipal
{
    public const string StampClaim = "depwatch:stamp";
    public const string MustChangePasswordClaim = "depwatch:must-change-password";

    public static ClaimsPrincipal Create(WebUser user, string securityStamp)
    {
        var claims = user.Permissions.Select(p => new Claim(Permissions.ClaimType, p))
            .Append(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()))
            .Append(new Claim(ClaimTypes.Name, user.UserName))
            .Append(new Claim(StampClaim, securityStamp));
        if (user.MustChangePassword)
        {
            claims = claims.Append(new Claim(MustChangePasswordClaim, "true"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, WebAuthentication.CookieScheme));
    }

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool MustChangePassword(this ClaimsPrincipal principal) => principal.HasClaim(MustChangePasswordClaim, "true");

    public static bool Has(this ClaimsPrincipal principal, string permission) => principal.HasClaim(Permissions.ClaimType, permission);
}
