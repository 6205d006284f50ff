using System.Security.Claims;
using Depwatch.Core.Triage.Vex;
using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Ingest;
using Depwatch.Server.Options;
using Depwatch.Server.Teams;
using Depwatch.Server.Triage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Endpoints;

/// <summary>
/// VEX in and out. In: a CycloneDX VEX on Dependency-Track's paths, applied to the project's findings. Out: a project's
/// decisions as CycloneDX on Dependency-Track's path, and as OpenVEX (which Trivy's <c>--vex</c> reads) on a path of its own.
/// </summary>
internal static class VexEndpoints
{
    public static void MapVex(this IEndpointRouteBuilder api)
    {
        var vex = api.MapGroup("/v1/vex").WithTags("VEX");
        vex.MapPut("", UploadBase64).WithName("UploadVex").RequireAuthorization(Permissions.VulnerabilityAnalysis)
            .WithSummary("Import a CycloneDX VEX, Base64-encoded in JSON, into a project; answers a token and what each statement matched")
            .Accepts<VexSubmitRequest>("application/json").WithUploadAnswers();
        vex.MapPost("", UploadMultipart).WithName("UploadVexMultipart").RequireAuthorization(Permissions.VulnerabilityAnalysis)
            .WithSummary("Import a CycloneDX VEX, the raw vex part of a multipart form, into a project; answers a token and what each statement matched")
            .Accepts<VexUploadForm>("multipart/form-data").WithUploadAnswers();
        vex.MapGet("/cyclonedx/project/{uuid}", ExportCycloneDx).WithName("ExportProjectAsCycloneDxVex").RequireAuthorization(Permissions.ViewVulnerability)
            .WithSummary("The project's findings and their decisions as a CycloneDX 1.5 VEX; affects refs are BOM-Links into its latest BOM")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.cyclonedx+json")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        vex.MapGet("/openvex/project/{uuid}", ExportOpenVex).WithName("ExportProjectAsOpenVex").RequireAuthorization(Permissions.ViewVulnerability)
            .WithSummary("The project's decisions as an OpenVEX document, one statement per decided finding, products by purl and BOM-Link")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    private static RouteHandlerBuilder WithUploadAnswers(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<VexUploadResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static Task<Results<Ok<VexUploadResponse>, ProblemHttpResult, ContentHttpResult>> UploadBase64(
        HttpRequest request, ClaimsPrincipal user, VexImporter importer, IOptions<DepwatchOptions> options, CancellationToken cancellationToken) =>
        UploadAsync(VexUploadReader.ReadJsonAsync(request, options.Value.MaxRequestBytes, cancellationToken), user, importer, cancellationToken);

    private static Task<Results<Ok<VexUploadResponse>, ProblemHttpResult, ContentHttpResult>> UploadMultipart(
        HttpRequest request, ClaimsPrincipal user, VexImporter importer, IOptions<DepwatchOptions> options, CancellationToken cancellationToken) =>
        UploadAsync(VexUploadReader.ReadMultipartAsync(request, options.Value.MaxRequestBytes, cancellationToken), user, importer, cancellationToken);

    private static async Task<Results<Ok<VexUploadResponse>, ProblemHttpResult, ContentHttpResult>> UploadAsync(
        Task<VexUpload> reading, ClaimsPrincipal user, VexImporter importer, CancellationToken cancellationToken)
    {
        VexUpload upload;
        try
        {
            upload = await reading;
        }
        catch (BomUploadRejectedException e)
        {
            return TypedResults.Problem(statusCode: e.StatusCode, title: e.Title, detail: e.Message);
        }
        if (await importer.FindProjectAsync(upload, cancellationToken) is not { } projectId)
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        VexStatements vex;
        try
        {
            vex = VexReader.Read(upload.Vex, VexFormat.CycloneDx);
        }
        catch (VexFormatException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The uploaded VEX is invalid",
                detail: $"{e.Problem} (at {e.Location}). Fix the document and upload it again; nothing was changed.",
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { e.Message } });
        }
        var token = Guid.NewGuid();
        var report = await importer.ImportAsync(projectId, vex, vex.Describe($"upload {token:D}"), user.Identity?.Name ?? "unknown", cancellationToken);
        return TypedResults.Ok(VexUploadResponse.From(token, report));
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
