using Depwatch.Server.Data;
using Depwatch.Server.Web.Security;
using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Account;

internal sealed class PasswordModel(UserStore users, DataDirectory dataDirectory) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Forced => User.MustChangePassword();

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (NewPassword != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The two new passwords differ; type the same password twice.");
            return Page();
        }
        var wasForced = Forced;
        var change = await users.ChangePasswordAsync(User.UserId()!.Value, CurrentPassword, NewPassword, cancellationToken);
        if (!change.Succeeded)
        {
            ModelState.AddModelError(change.Field == "CurrentPassword" ? nameof(CurrentPassword) : nameof(NewPassword), change.Error!);
            return Page();
        }
        // The change ended every session of this user, this one included: sign in again with the new stamp.
        await HttpContext.RenewSessionAsync(users, change.User!.Id, cancellationToken);
        if (change.User.UserName == AdminUserBootstrap.UserName)
        {
            AdminUserBootstrap.ForgetGeneratedPassword(dataDirectory);
        }
        if (wasForced)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        Changed = true;
        ModelState.Clear();
        CurrentPassword = NewPassword = ConfirmPassword = null;
        return Page();
    }
}
