using Depwatch.Server.Web.Security;
using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages;

[AllowAnonymous]
internal sealed class LogoutModel(UserStore users) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends the session on the server too: a copy of the cookie kept elsewhere no longer signs anyone in.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.UserId() is { } id)
        {
            await users.EndSessionsAsync(id, cancellationToken);
        }
        await HttpContext.SignOutAsync(WebAuthentication.CookieScheme);
        return Redirect("/login");
    }
}
