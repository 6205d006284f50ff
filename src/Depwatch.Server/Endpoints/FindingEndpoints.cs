using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
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
            .WithSummary("The project's unresolved findings in Dependency-Track's finding shape (X-Total-Count; gzip on request; 304 for a current If-None-Match), or SARIF, optionally of one source")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: FindingsSarifResult.MediaType)
            .Produces(StatusCodes.Status304NotModified)
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        findings.MapPost("/project/{uuid}/analyze", AnalyzeProject).WithName("AnalyzeProject")
            .WithSummary("Queues an analysis of the project, or brings forward the one already waiting; follow the returned token")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<FindingsJsonResult, FindingsSarifResult, BadRequest<List<FieldError>>, ContentHttpResult>> GetProjectFindings(
        string uuid, string? source, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, FindingsCache cache,
        CancellationToken cancellationToken)
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
            var findings = await ReadFindingsAsync(db, projectId, source, cancellationToken);
            return new FindingsSarifResult(projectId, [.. findings.Select(f => f.Finding)]);
        }
        var answer = await cache.GetAsync(projectId, source, version, async () =>
        {
            var findings = await ReadFindingsAsync(db, projectId, source, cancellationToken);
            return FindingsAnswer.Create(version, FindingsJsonResult.Serialize(findings), findings.Count);
        }, cancellationToken);
        return new FindingsJsonResult(answer);
    }

    private static async Task<List<(Finding Finding, StoredFinding Stored)>> ReadFindingsAsync(
        DepwatchDbContext db, Guid projectId, string? source, CancellationToken cancellationToken)
    {
        var rows = await db.Findings.AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.ResolvedOn == null)
            .Join(db.Components, f => f.ComponentId, c => c.Id, (f, c) => new { Finding = f, Component = c })
            .Join(db.Vulnerabilities, r => r.Finding.VulnerabilityId, v => v.Id, (r, v) => new { r.Finding, r.Component, Vulnerability = v })
            .Where(r => source == null || r.Vulnerability.Source == source)
            .ToListAsync(cancellationToken);
        // Each vulnerability is read once, however many components it affects.
        var vulnerabilities = rows.Select(r => r.Vulnerability).DistinctBy(v => v.Id).ToDictionary(v => v.Id, VulnerabilityMapping.ToDomain);
        return rows
            .Select(r => ToFinding(r.Finding, r.Component, vulnerabilities[r.Vulnerability.Id]))
            .OrderBy(f => f.Stored.AttributedOn)
            .ThenByDescending(f => f.Finding.Vulnerability.Severity)
            .ThenBy(f => f.Finding.Vulnerability.VulnId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Component.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Component.Key, StringComparer.Ordinal)
            .ToList();
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

    private static (Finding Finding, StoredFinding Stored) ToFinding(FindingEntity finding, ComponentEntity component, Vulnerability vulnerability) => (
        new Finding(ComponentMapping.ToDomain(component), vulnerability, finding.FixedVersion, FindingStatusNames.Parse(finding.Status),
            finding.InstalledVersion, finding.AnalyzerIdentity),
        new StoredFinding(finding.ProjectId, component.Id, finding.VulnerabilityId, finding.AttributedOn));
}
