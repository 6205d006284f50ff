namespace Depwatch.Server.Endpoints;

internal static class VersionEndpoints
{
    /// <summary><c>GET /api/version</c>, unauthenticated, as integrations probe it to recognise the server.</summary>
    public static void MapVersion(this IEndpointRouteBuilder api) =>
        api.MapGet("/version", () => TypedResults.Ok(new
        {
            application = "Depwatch",
            version = ServerVersion.Current,
        })).AllowAnonymous().WithName("GetVersion");
}
