using Depwatch.Server.Configuration;
using Depwatch.Server.Jobs;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints;

/// <summary><c>GET /api/v1/event/token/{uuid}</c>: whether the work behind an upload's token is still going on.</summary>
internal static class EventEndpoints
{
    public static void MapEvents(this IEndpointRouteBuilder api) =>
        api.MapGet("/v1/event/token/{uuid}", GetTokenStatus).WithName("GetEventTokenStatus").WithTags("Events").RequireAuthorization();

    /// <summary>
    /// Whether the processing and analysis of an upload are still queued or running; an unknown token reads false,
    /// as in Dependency-Track.
    /// </summary>
    public static async Task<Results<Ok<TokenStatus>, BadRequest<List<FieldError>>>> GetTokenStatus(
        string uuid, IJobQueue queue, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var token, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return TypedResults.Ok(new TokenStatus(await queue.IsProcessingAsync(token, cancellationToken)));
    }
}

public sealed record TokenStatus(bool Processing);
