using Depwatch.Server.Web.Security;
using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages;

internal sealed class LoginModel(UserStore users, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Destination()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await users.SignInAsync(UserName, Password, cancellationToken))
        {
            case SignInOutcome.Success success:
                await HttpContext.SignInAsync(WebAuthentication.CookieScheme, UserPrincipal.Create(success.User, success.SecurityStamp));
                return success.User.MustChangePassword
                    ? RedirectToPage(MustChangePasswordFilter.PasswordPage, new { returnUrl = Destination() })
                    : LocalRedirect(Destination());
            case SignInOutcome.LockedOut locked:
                var minutes = Math.Max(1, (int)Math.Ceiling((locked.Until - time.GetUtcNow()).TotalMinutes));
                Error = $"Too many wrong passwords for this user. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
                break;
            default:
                Error = "The user name or password is not right. Check both and try again.";
                break;
        }
        Password = null;
        return Page();
    }

    private string Destination() => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";
}
