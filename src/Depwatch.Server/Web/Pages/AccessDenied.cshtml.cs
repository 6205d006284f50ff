using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages;

internal sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
