using Depwatch.Server.Web.Security;
using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Admin.Users;

internal sealed class EditUserModel(UserStore users) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public WebUser EditedUser { get; private set; } = null!;

    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>Only the key of the delete form's error message.</summary>
    public string? Delete { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPermissionsAsync(CancellationToken cancellationToken)
    {
        var change = await users.SetPermissionsAsync(Id, Permissions, Actor, cancellationToken);
        // Taking a permission from oneself ends one's other sessions, not this one.
        if (change.Succeeded && User.UserId() == Id)
        {
            await HttpContext.RenewSessionAsync(users, Id, cancellationToken);
        }
        return await ApplyAsync(change, "The permissions were saved.", cancellationToken);
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken) =>
        await ApplyAsync(await users.ResetPasswordAsync(Id, NewPassword, Actor, cancellationToken),
            "The new password was set; the user must change it at next sign-in.", cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var change = await users.DeleteAsync(Id, Actor, cancellationToken);
        if (change.Succeeded)
        {
            return RedirectToPage("Index");
        }
        ModelState.AddModelError(nameof(Delete), change.Error!);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private string Actor => $"user {User.Identity?.Name}";

    private async Task<IActionResult> ApplyAsync(UserChange change, string message, CancellationToken cancellationToken)
    {
        NewPassword = null;
        if (change.Succeeded)
        {
            Message = message;
            return RedirectToPage();
        }
        ModelState.AddModelError(change.Field!, change.Error!);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(Id, cancellationToken);
        EditedUser = user!;
        return user is not null;
    }
}
