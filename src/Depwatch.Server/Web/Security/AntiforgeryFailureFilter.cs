using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Depwatch.Server.Web.Security;

/// <summary>A form refused for its antiforgery token gets a page saying what to do, still with status 400.</summary>
internal sealed class AntiforgeryFailureFilter : IAlwaysRunResultFilter
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Form not accepted · Depwatch</title><link rel="stylesheet" href="/css/site.css"></head>
        <body><main id="main"><div class="narrow">
        <h1>The form was not accepted</h1>
        <p>It was sent without the security token the page gives it, or with an expired one (for example after signing in again elsewhere), or the upload was larger than the server accepts.</p>
        <p>Go back, reload the page and send the form again.</p>
        <p><a href="/">Back to the start page</a></p>
        </div></main></body></html>
        """;

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
        {
            context.Result = new ContentResult { StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/html; charset=utf-8", Content = Page };
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
