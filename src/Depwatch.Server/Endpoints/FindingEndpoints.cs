using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's findings API: a project's unresolved findings, and analysing a project again on demand.</summary>
internal static class FindingEndpoints
{
    public static void MapFindings(this IEndpointRouteBuilder api)
    {
        var findings = api.MapGroup("/v1/finding").WithTags("Findings").RequireAuthorization(Permissions.ViewVulnerability);
        findings.MapGet("/project/{uuid}", GetProjectFindings).WithName("GetProjectFindings")
            .WithSummary("The project's unresolved findings in Dependency-Track's finding shape (X-Total-Count; gzip on request; 304 for a current If-None-Match), or SARIF, optionally of one source; suppressed=true includes suppressed ones")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: FindingsSarifResult.MediaType)
            .Produces(StatusCodes.Status304NotModified)
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        findings.MapGet("/project/{uuid}/export", ExportProjectFindings).WithName("ExportProjectFindings")
            .WithSummary("The project's unsuppressed findings in Dependency-Track's Finding Packaging Format 1.2, as DefectDojo imports it")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        findings.MapPost("/project/{uuid}/analyze", AnalyzeProject).WithName("AnalyzeProject")
            .WithSummary("Queues an analysis of the project, or brings forward the one already waiting; follow the returned token")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<FindingsJsonResult, FindingsSarifResult, BadRequest<List<FieldError>>, ContentHttpResult>> GetProjectFindings(
        string uuid, string? source, bool? suppressed, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts,
        FindingsCache cache, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var projectId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await FindingsCache.VersionAsync(db, projectId, cancellationToken);
        if (version is null)
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        // As in Dependency-Track, any Accept header naming SARIF gets SARIF.
        if (request.Headers.Accept.ToString().Contains(FindingsSarifResult.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            var findings = await StoredFindings.ReadOpenAsync(db, projectId, source, suppressed == true, cancellationToken);
            return new FindingsSarifResult(projectId, [.. findings.Select(f => f.Finding)]);
        }
        var answer = await cache.GetAsync(new FindingsQuery(projectId, source, suppressed == true), version, async () =>
        {
            var findings = await StoredFindings.ReadOpenAsync(db, projectId, source, suppressed == true, cancellationToken);
            return FindingsAnswer.Create(version, FindingsJsonResult.Serialize(findings), findings.Count);
        }, cancellationToken);
        return new FindingsJsonResult(answer);
    }

    public static async Task<Results<JsonAttachmentResult, BadRequest<List<FieldError>>, ContentHttpResult>> ExportProjectFindings(
        string uuid, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
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
        var findings = await StoredFindings.ReadOpenAsync(db, projectId, source: null, suppressed: false, cancellationToken);
        return FindingPackagingFormat.Result(project, findings, time.GetUtcNow(), $"{request.Scheme}://{request.Host}{request.PathBase}");
    }

    public static async Task<Results<Ok<AnalysisTokenJson>, BadRequest<List<FieldError>>, ContentHttpResult>> AnalyzeProject(
        string uuid, AnalysisRequests analyses, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var projectId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await analyses.RequestAsync(projectId, cancellationToken) is { } token
            ? TypedResults.Ok(new AnalysisTokenJson(token))
            : ApiTexts.NotFound(ApiTexts.ProjectNotFound);
    }
}
