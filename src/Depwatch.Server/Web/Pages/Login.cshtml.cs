using Depwatch.Server.Web.Security;
using Depwatch.Server.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages;

internal sealed class LoginModel(UserSignIn signIn, TimeProvider time) : PageModel
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
        switch (await signIn.SignInAsync(UserName, Password, HttpContext.Connection.RemoteIpAddress, cancellationToken))
        {
            case SignInOutcome.Success success:
                await HttpContext.SignInAsync(WebAuthentication.CookieScheme, UserPrincipal.Create(success.User, success.SecurityStamp));
                return success.User.MustChangePassword
                    ? RedirectToPage(MustChangePasswordFilter.PasswordPage, new { returnUrl = Destination() })
                    : LocalRedirect(Destination());
            case SignInOutcome.LockedOut locked:
                Error = $"Too many wrong passwords for this user. Try again in {MinutesUntil(locked.Until)}.";
                break;
            case SignInOutcome.AddressWaiting waiting:
                Error = $"Too many failed sign-ins from your network address. Try again in {MinutesUntil(waiting.Until)}.";
                break;
            default:
                Error = "The user name or password is not right. Check both and try again.";
                break;
        }
        Password = null;
        return Page();
    }

    private string MinutesUntil(DateTimeOffset until)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
        return $"{minutes} minute{(minutes == 1 ? "" : "s")}";
    }

    private string Destination() => Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";
}
