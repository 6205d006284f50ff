using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Depwatch.Server.Web.Security;

/// <summary>Until a user has replaced a password someone else chose, every page but the password page leads there.</summary>
internal sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    public const string PasswordPage = "/Account/Password";
    private const string SignOutPage = "/Logout";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.User.MustChangePassword() && context.ActionDescriptor.ViewEnginePath is not (PasswordPage or SignOutPage))
        {
            context.Result = new RedirectToPageResult(PasswordPage);
            return;
        }
        await next();
    }
}
