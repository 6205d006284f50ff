using Microsoft.AspNetCore.Mvc;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>Lets a page answer with what a REST endpoint answers (a download, a 404), so both give the same file.</summary>
internal sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
