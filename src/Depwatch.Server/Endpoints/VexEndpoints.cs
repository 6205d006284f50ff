using Depwatch.Core.Triage.Vex;
using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints;

/// <summary>
/// A project's decisions as VEX: CycloneDX on Dependency-Track's path, and OpenVEX (which Trivy's <c>--vex</c> reads)
/// on a path of its own.
/// </summary>
internal static class VexEndpoints
{
    public static void MapVex(this IEndpointRouteBuilder api)
    {
        var vex = api.MapGroup("/v1/vex").WithTags("VEX").RequireAuthorization(Permissions.ViewVulnerability);
        vex.MapGet("/cyclonedx/project/{uuid}", ExportCycloneDx).WithName("ExportProjectAsCycloneDxVex")
            .WithSummary("The project's findings and their decisions as a CycloneDX 1.5 VEX; affects refs are BOM-Links into its latest BOM")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.cyclonedx+json")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        vex.MapGet("/openvex/project/{uuid}", ExportOpenVex).WithName("ExportProjectAsOpenVex")
            .WithSummary("The project's decisions as an OpenVEX document, one statement per decided finding, products by purl and BOM-Link")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static Task<Results<JsonAttachmentResult, BadRequest<List<FieldError>>, ContentHttpResult>> ExportCycloneDx(
        string uuid, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, CancellationToken cancellationToken) =>
        ExportAsync(uuid, request, contexts, time, "cdx.json", "application/vnd.cyclonedx+json; version=1.5",
            (json, document) => CycloneDxVexWriter.Write(json, document, Guid.NewGuid()), cancellationToken);

    public static Task<Results<JsonAttachmentResult, BadRequest<List<FieldError>>, ContentHttpResult>> ExportOpenVex(
        string uuid, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, CancellationToken cancellationToken) =>
        ExportAsync(uuid, request, contexts, time, "openvex.json", "application/json; charset=utf-8", OpenVexWriter.Write, cancellationToken);

    private static async Task<Results<JsonAttachmentResult, BadRequest<List<FieldError>>, ContentHttpResult>> ExportAsync(
        string uuid, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, string extension,
        string contentType, Action<System.Text.Json.Utf8JsonWriter, VexDocument> write, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var projectId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        // Suppressed findings are decisions too: a VEX must carry them.
        var findings = await StoredFindings.ReadOpenAsync(db, projectId, source: null, suppressed: true, cancellationToken);
        var document = new VexDocument($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", project.Name, project.Version,
            "Depwatch", ServerVersion.Current, time.GetUtcNow(), [.. findings.Select(f => f.Finding)],
            project.LastBomSerialNumber is { } serial ? (serial, project.LastBomVersion ?? 1) : null);
        return new JsonAttachmentResult($"vex-{project.Id:D}.{extension}", contentType, json => write(json, document));
    }
}
