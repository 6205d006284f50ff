using System.Security.Claims;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's team, permission and API key API; ACCESS_MANAGEMENT except <c>GET /team/self</c>.</summary>
internal static class TeamEndpoints
{
    private const int MaxNameLength = 255;
    private const int MaxCommentLength = 1024;
    private static readonly FieldError s_missingUuid = new("The team's uuid must be given.", "must not be null", "uuid", null);

    public static void MapTeams(this IEndpointRouteBuilder api)
    {
        var teams = api.MapGroup("/v1/team").RequireAuthorization(Permissions.AccessManagement).WithTags("Teams");
        teams.MapGet("", GetTeams).WithName("GetTeams").WithSummary("Every team with its permissions and API keys (secrets left out)");
        teams.MapPut("", CreateTeam).WithName("CreateTeam").WithSummary("Creates a team without permissions or keys")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        teams.MapPost("", RenameTeam).WithName("UpdateTeam").WithSummary("Renames the team given by its uuid")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain").Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        teams.MapDelete("", DeleteTeam).WithName("DeleteTeam").WithSummary("Deletes the team given by its uuid, with its API keys")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain").Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        teams.MapGet("/{uuid}", GetTeam).WithName("GetTeam").WithSummary("One team with its permissions and API keys (secrets left out)")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        teams.MapPut("/{uuid}/key", CreateApiKey).WithName("CreateApiKey")
            .WithSummary("Creates an API key for the team; the answer is the only place the key is ever shown")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        teams.MapDelete("/key/{publicIdOrKey}", RevokeApiKey).WithName("RevokeApiKey")
            .WithSummary("Revokes an API key, given its public id or the key itself")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        teams.MapPost("/key/{publicIdOrKey}", RegenerateApiKey).WithName("RegenerateApiKey")
            .WithSummary("Gives the API key a new secret, keeping its public id, team and comment; the answer is the only place the new key is shown")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        teams.MapPost("/key/{publicIdOrKey}/comment", CommentApiKey).WithName("UpdateApiKeyComment")
            .WithSummary("Sets the API key's comment, sent as text/plain (an empty body removes it)")
            .Accepts<string>("text/plain").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        api.MapGet("/v1/team/visible", GetVisibleTeams).RequireAuthorization().WithName("GetVisibleTeams").WithTags("Teams")
            .WithSummary("The teams the caller may see: all of them with ACCESS_MANAGEMENT, else the API key's own");
        api.MapGet("/v1/team/self", GetOwnTeam).RequireAuthorization().WithName("GetOwnTeam").WithTags("Teams")
            .WithSummary("The team of the API key making the request, with its permissions");

        var permissions = api.MapGroup("/v1/permission").RequireAuthorization(Permissions.AccessManagement).WithTags("Teams");
        permissions.MapGet("", GetPermissions).WithName("GetPermissions").WithSummary("Every permission a team can hold");
        permissions.MapPost("/{permission}/team/{uuid}", GrantPermission).WithName("GrantPermission")
            .WithSummary("Grants the permission to the team (304 when it already holds it)")
            .Produces(StatusCodes.Status304NotModified).Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        permissions.MapDelete("/{permission}/team/{uuid}", RevokePermission).WithName("RevokePermission")
            .WithSummary("Revokes the permission from the team (304 when it does not hold it)")
            .Produces(StatusCodes.Status304NotModified).Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
    }

    public static async Task<Ok<List<Team>>> GetTeams(TeamStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var teams = await store.ListAsync(cancellationToken);
        response.Headers["X-Total-Count"] = teams.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(teams);
    }

    public static async Task<Results<Created<Team>, BadRequest<List<FieldError>>, ContentHttpResult>> CreateTeam(
        TeamRequest request, TeamStore store, CancellationToken cancellationToken)
    {
        if (CheckName(request.Name) is { } error)
        {
            return TypedResults.BadRequest<List<FieldError>>([error]);
        }
        var change = await store.CreateAsync(request.Name!.Trim(), cancellationToken);
        return change.Status == TeamChangeStatus.Changed
            ? TypedResults.Created((string?)null, change.Team)
            : ApiTexts.Text(StatusCodes.Status409Conflict, TeamChange.NameTakenText);
    }

    public static async Task<Results<Ok<Team>, BadRequest<List<FieldError>>, ContentHttpResult>> GetTeam(
        string uuid, TeamStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var teamId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.FindAsync(teamId, cancellationToken) is { } team
            ? TypedResults.Ok(team)
            : ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.TeamNotFoundText);
    }

    public static async Task<Results<Ok<Team>, BadRequest<List<FieldError>>, ContentHttpResult>> RenameTeam(
        TeamRequest request, TeamStore store, CancellationToken cancellationToken)
    {
        if ((request.Uuid is null ? s_missingUuid : CheckName(request.Name)) is { } error)
        {
            return TypedResults.BadRequest<List<FieldError>>([error]);
        }
        var change = await store.RenameAsync(request.Uuid!.Value, request.Name!.Trim(), cancellationToken);
        return change.Status switch
        {
            TeamChangeStatus.Changed => TypedResults.Ok(change.Team),
            TeamChangeStatus.NameTaken => ApiTexts.Text(StatusCodes.Status409Conflict, TeamChange.NameTakenText),
            _ => ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.TeamNotFoundText),
        };
    }

    public static async Task<Results<NoContent, BadRequest<List<FieldError>>, ContentHttpResult>> DeleteTeam(
        [FromBody] TeamRequest request, TeamStore store, CancellationToken cancellationToken)
    {
        if (request.Uuid is not { } teamId)
        {
            return TypedResults.BadRequest<List<FieldError>>([s_missingUuid]);
        }
        return await store.DeleteAsync(teamId, cancellationToken) switch
        {
            TeamChangeStatus.Changed => TypedResults.NoContent(),
            TeamChangeStatus.WouldLockOut => ApiTexts.Text(StatusCodes.Status409Conflict, TeamChange.WouldLockOutText),
            _ => ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.TeamNotFoundText),
        };
    }

    public static async Task<Ok<List<VisibleTeam>>> GetVisibleTeams(ClaimsPrincipal user, TeamStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.VisibleAsync(
            user.HasClaim(Permissions.ClaimType, Permissions.AccessManagement),
            Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.TeamClaim), out var team) ? team : null,
            cancellationToken));

    public static async Task<Results<Ok<ApiKey>, ContentHttpResult>> RegenerateApiKey(
        string publicIdOrKey, TeamStore store, CancellationToken cancellationToken) =>
        await store.RegenerateKeyAsync(publicIdOrKey, cancellationToken) is { } key
            ? TypedResults.Ok(key)
            : ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.KeyNotFoundText);

    public static async Task<Results<Ok<ApiKey>, BadRequest<List<FieldError>>, ContentHttpResult>> CommentApiKey(
        string publicIdOrKey, HttpRequest request, TeamStore store, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var comment = await reader.ReadToEndAsync(cancellationToken);
        if (CheckComment(comment) is { } error)
        {
            return TypedResults.BadRequest<List<FieldError>>([error]);
        }
        return await store.CommentKeyAsync(publicIdOrKey, comment, cancellationToken) is { } key
            ? TypedResults.Ok(key)
            : ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.KeyNotFoundText);
    }

    public static async Task<Results<Created<ApiKey>, BadRequest<List<FieldError>>, ContentHttpResult>> CreateApiKey(
        string uuid, TeamStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var teamId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.CreateKeyAsync(teamId, cancellationToken) is { } key
            ? TypedResults.Created((string?)null, key)
            : ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.TeamNotFoundText);
    }

    public static async Task<Results<NoContent, ContentHttpResult>> RevokeApiKey(
        string publicIdOrKey, TeamStore store, CancellationToken cancellationToken) =>
        await store.RevokeKeyAsync(publicIdOrKey, cancellationToken) switch
        {
            TeamChangeStatus.Changed => TypedResults.NoContent(),
            TeamChangeStatus.WouldLockOut => ApiTexts.Text(StatusCodes.Status409Conflict, TeamChange.WouldLockOutText),
            _ => ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.KeyNotFoundText),
        };

    /// <summary>Only API keys have a team; a signed-in user gets Dependency-Track's 400 text.</summary>
    public static async Task<Results<Ok<TeamSelf>, ContentHttpResult>> GetOwnTeam(
        ClaimsPrincipal user, TeamStore store, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue("apiKey") is null)
        {
            return ApiTexts.Text(StatusCodes.Status400BadRequest, TeamChange.NotAnApiKeyText);
        }
        return Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.TeamClaim), out var teamId) && await store.FindSelfAsync(teamId, cancellationToken) is { } team
            ? TypedResults.Ok(team)
            : ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.TeamNotFoundText);
    }

    public static Ok<IReadOnlyList<PermissionInfo>> GetPermissions() => TypedResults.Ok(PermissionDescriptions.All);

    public static Task<Results<Ok<Team>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> GrantPermission(
        string permission, string uuid, TeamStore store, CancellationToken cancellationToken) =>
        SetPermission(permission, uuid, granted: true, store, cancellationToken);

    public static Task<Results<Ok<Team>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> RevokePermission(
        string permission, string uuid, TeamStore store, CancellationToken cancellationToken) =>
        SetPermission(permission, uuid, granted: false, store, cancellationToken);

    private static async Task<Results<Ok<Team>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> SetPermission(
        string permission, string uuid, bool granted, TeamStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var teamId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        var change = await store.SetPermissionAsync(teamId, permission, granted, cancellationToken);
        return change.Status switch
        {
            TeamChangeStatus.Changed => TypedResults.Ok(change.Team),
            TeamChangeStatus.Unchanged => TypedResults.StatusCode(StatusCodes.Status304NotModified),
            TeamChangeStatus.PermissionNotFound => ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.PermissionNotFoundText),
            TeamChangeStatus.WouldLockOut => ApiTexts.Text(StatusCodes.Status409Conflict, TeamChange.WouldLockOutText),
            _ => ApiTexts.Text(StatusCodes.Status404NotFound, TeamChange.TeamNotFoundText),
        };
    }

    /// <summary>Why a key's comment cannot be stored, or null; the web UI checks with the same rule.</summary>
    internal static FieldError? CheckComment(string comment) =>
        comment.Length > MaxCommentLength || comment.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? new FieldError($"The comment must be at most {MaxCommentLength} characters long, without control characters.",
                $"size must be between 0 and {MaxCommentLength}", "comment", null)
            : null;

    /// <summary>Why a team name cannot be used, or null; the web UI checks with the same rule.</summary>
    internal static FieldError? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new FieldError("The name must not be blank.", "must not be blank", "name", name);
        }
        if (name.Length > MaxNameLength)
        {
            return new FieldError($"The name must be at most {MaxNameLength} characters long.", "size must be between 1 and 255", "name", name);
        }
        return name.Any(char.IsControl)
            ? new FieldError("The name must not contain control characters.", "must not contain control characters", "name", name)
            : null;
    }
}
