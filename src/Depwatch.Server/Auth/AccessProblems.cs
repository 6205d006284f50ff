using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Auth;

/// <summary>
/// Why an API request was refused, as problem details: Dependency-Track answers 401 and 403 with empty bodies, which
/// leaves a pipeline's author guessing between a missing header, a mistyped or revoked key and a missing permission.
/// </summary>
internal static class AccessProblems
{
    public const string MissingKeyTitle = "API key required";
    public const string InvalidKeyTitle = "Invalid API key";
    public const string MissingPermissionTitle = "Permission required";

    /// <summary>401: no key was sent, or the one sent is not valid. The key itself is never repeated.</summary>
    public static ProblemHttpResult Unauthenticated(HttpRequest request) =>
        request.Headers[ApiKeyAuthenticationHandler.Header].ToString() is { Length: > 0 }
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: InvalidKeyTitle,
                detail: $"The key in the {ApiKeyAuthenticationHandler.Header} header is not a valid API key: no such key exists, "
                    + "or it was revoked. Check that the whole key was sent, or ask an administrator for a current one.")
            : TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: MissingKeyTitle,
                detail: $"The request has no {ApiKeyAuthenticationHandler.Header} header. Send an API key in it; an administrator "
                    + "creates keys for a team with PUT /api/v1/team/{uuid}/key.");

    /// <summary>403: the key is valid, but its team lacks a permission the endpoint requires.</summary>
    public static ProblemHttpResult Forbidden(ClaimsPrincipal user, AuthorizationFailure? failure)
    {
        var missing = MissingPermissions(failure);
        var team = user.FindFirst(ClaimTypes.Name)?.Value is { } name ? $"the team of this API key ({name})" : "the team of this API key";
        var teamId = user.FindFirst(ApiKeyAuthenticationHandler.TeamClaim)?.Value ?? "{uuid}";
        var detail = missing.Count switch
        {
            0 => $"This endpoint requires a permission that {team} does not have.",
            1 => $"This endpoint requires the {missing[0]} permission, which {team} does not have. "
                + $"An administrator can grant it with POST /api/v1/permission/{missing[0]}/team/{teamId}.",
            _ => $"This endpoint requires the permissions {string.Join(", ", missing)}, which {team} does not have. "
                + $"An administrator can grant each with POST /api/v1/permission/{{permission}}/team/{teamId}.",
        };
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: MissingPermissionTitle, detail: detail);
    }

    /// <summary>The permission policies that failed; one that any of several permissions satisfies reads "A or B".</summary>
    private static List<string> MissingPermissions(AuthorizationFailure? failure) =>
        (failure?.FailedRequirements ?? [])
            .OfType<ClaimsAuthorizationRequirement>()
            .Where(r => r.ClaimType == Permissions.ClaimType && r.AllowedValues?.Any() == true)
            .Select(r => string.Join(" or ", r.AllowedValues!))
            .ToList();
}
