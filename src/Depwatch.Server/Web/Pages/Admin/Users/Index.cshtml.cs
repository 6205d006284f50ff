using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Admin.Users;

internal sealed class UsersModel(UserStore users) : PageModel
{
    public List<WebUser> Users { get; private set; } = [];

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    [TempData]
    public string? Created { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await users.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var change = await users.CreateAsync(UserName, Password, Permissions, mustChangePassword: true, cancellationToken);
        if (!change.Succeeded)
        {
            ModelState.AddModelError(change.Field!, change.Error!);
            Password = null;
            Users = await users.ListAsync(cancellationToken);
            return Page();
        }
        Created = change.User!.UserName;
        return RedirectToPage();
    }
}
