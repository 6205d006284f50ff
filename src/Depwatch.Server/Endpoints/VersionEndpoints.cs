namespace Depwatch.Server.Endpoints;

internal static class VersionEndpoints
{
    private static readonly NamedVersion s_depwatch = new("Depwatch", ServerVersion.Current);

    /// <summary>
    /// <c>GET /api/version</c>, unauthenticated, as integrations probe it to recognise the server: Dependency-Track's
    /// shape, whose <c>version</c> is the API level clients compare against, with Depwatch's own name and version beside.
    /// </summary>
    public static void MapVersion(this IEndpointRouteBuilder api) =>
        api.MapGet("/version", () => TypedResults.Ok(new VersionInfo(
            Application: "Dependency-Track",
            Version: ServerVersion.DependencyTrackApiLevel,
            Framework: s_depwatch,
            Depwatch: s_depwatch)))
        .AllowAnonymous().WithName("GetVersion")
        .WithSummary("The Dependency-Track API level this server answers like (version), and Depwatch's own name and version");

    /// <summary>Every API answer names the API level in the header Dependency-Track's clients check.</summary>
    public static void UsePoweredByHeader(this WebApplication app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-Powered-By"] = ServerVersion.PoweredBy;
                return Task.CompletedTask;
            });
        }
        return next(context);
    });

    public sealed record VersionInfo(string Application, string Version, NamedVersion Framework, NamedVersion Depwatch);

    public sealed record NamedVersion(string Name, string Version);
}
