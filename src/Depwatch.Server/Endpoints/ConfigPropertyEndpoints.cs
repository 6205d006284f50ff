using System.Security.Claims;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's config property API (<c>/api/v1/configProperty</c>), SYSTEM_CONFIGURATION only.</summary>
internal static class ConfigPropertyEndpoints
{
    public static RouteGroupBuilder MapConfigProperties(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/v1/configProperty").RequireAuthorization(Permissions.SystemConfiguration).WithTags("Config properties");
        group.MapGet("", GetConfigProperties).WithName("GetConfigProperties")
            .WithSummary("Every config property, by group and name; encrypted values read as a placeholder");
        group.MapPost("", UpdateConfigProperty).WithName("UpdateConfigProperty")
            .WithSummary("Changes one config property's value")
            .WithDescription("400 answers a JSON array of field errors when a name is blank, too long or holds control characters, "
                + "and a text when the value does not fit the property's type. 304: the encrypted placeholder was sent back, nothing changed.")
            .Produces(StatusCodes.Status304NotModified)
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        group.MapPost("/aggregate", UpdateConfigProperties).WithName("UpdateConfigProperties")
            .WithSummary("Changes several config properties; each result is the property, an error text, or null when unchanged");
        return group;
    }

    public static async Task<Ok<List<ConfigProperty>>> GetConfigProperties(ConfigPropertyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Ok<ConfigProperty>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> UpdateConfigProperty(
        ConfigProperty request, ConfigPropertyStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        List<FieldError> errors = [.. ConfigPropertyRequestValidation.Check(request)];
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.UpdateAsync(request, Caller(user), cancellationToken) switch
        {
            ConfigPropertyUpdate.Updated updated => TypedResults.Ok(updated.Property),
            ConfigPropertyUpdate.Unchanged => TypedResults.StatusCode(StatusCodes.Status304NotModified),
            ConfigPropertyUpdate.Rejected rejected => ApiTexts.Text(StatusCodes.Status400BadRequest, rejected.Error),
            _ => ApiTexts.Text(StatusCodes.Status404NotFound, ConfigPropertyUpdate.NotFoundText),
        };
    }

    /// <summary>All requests are checked first, and none applied if one is malformed; then each is applied on its own.</summary>
    public static async Task<Results<Ok<List<object?>>, BadRequest<List<FieldError>>>> UpdateConfigProperties(
        List<ConfigProperty> requests, ConfigPropertyStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        List<FieldError> errors = [.. requests.SelectMany((request, index) => ConfigPropertyRequestValidation.Check(request, $"[{index}]."))];
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var results = new List<object?>(requests.Count);
        foreach (var request in requests)
        {
            results.Add(await store.UpdateAsync(request, Caller(user), cancellationToken) switch
            {
                ConfigPropertyUpdate.Updated updated => updated.Property,
                ConfigPropertyUpdate.Unchanged => null,
                ConfigPropertyUpdate.Rejected rejected => rejected.Error,
                _ => ConfigPropertyUpdate.NotFoundText,
            });
        }
        return TypedResults.Ok(results);
    }

    internal static string Caller(ClaimsPrincipal user) =>
        $"API key {user.FindFirstValue("apiKey")} of team {user.Identity?.Name}";
}
