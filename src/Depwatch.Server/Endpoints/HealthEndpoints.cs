using Depwatch.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints;

/// <summary>Liveness (the process answers) and readiness (the database answers too), for orchestrators.</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "UP" })).AllowAnonymous().WithName("Liveness");
        app.MapGet("/health/ready", Readiness).AllowAnonymous().WithName("Readiness");
    }

    private static async Task<Results<Ok<object>, JsonHttpResult<object>>> Readiness(
        IDbContextFactory<DepwatchDbContext> contexts, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await db.Database.CanConnectAsync(cancellationToken))
            {
                return TypedResults.Ok<object>(new { status = "UP", database = "UP" });
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any failure to reach the database means not ready; the detail belongs in the logs, not the answer.
        }
        return TypedResults.Json<object>(new { status = "DOWN", database = "DOWN" }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
