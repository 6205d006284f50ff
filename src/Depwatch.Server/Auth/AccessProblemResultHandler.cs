using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Depwatch.Server.Auth;

/// <summary>
/// Refuses as the authentication schemes decide (401 or 403 for API requests, a redirect for the web pages), then
/// says in the body why, wherever the answer is a bare 401 or 403.
/// </summary>
internal sealed class AccessProblemResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _schemes = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _schemes.HandleAsync(next, context, policy, authorizeResult);
        if (context.Response.HasStarted)
        {
            return;
        }
        var problem = (authorizeResult, context.Response.StatusCode) switch
        {
            ({ Challenged: true }, StatusCodes.Status401Unauthorized) => AccessProblems.Unauthenticated(context.Request),
            ({ Forbidden: true }, StatusCodes.Status403Forbidden) => AccessProblems.Forbidden(context.User, authorizeResult.AuthorizationFailure),
            _ => null,
        };
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
        }
    }
}
