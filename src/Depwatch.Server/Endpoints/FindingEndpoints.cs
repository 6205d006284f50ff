using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Analysis;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Jobs;
using Depwatch.Server.Teams;
using Depwatch.Server.Triage;
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
            .WithSummary("Queues an analysis of the project; follow the returned token")
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
            var findings = await ReadFindingsAsync(db, projectId, source, suppressed == true, cancellationToken);
            return new FindingsSarifResult(projectId, [.. findings.Select(f => f.Finding)]);
        }
        var answer = await cache.GetAsync(new FindingsQuery(projectId, source, suppressed == true), version, async () =>
        {
            var findings = await ReadFindingsAsync(db, projectId, source, suppressed == true, cancellationToken);
            return FindingsAnswer.Create(version, FindingsJsonResult.Serialize(findings), findings.Count);
        }, cancellationToken);
        return new FindingsJsonResult(answer);
    }

    public static async Task<Results<FindingsExportResult, BadRequest<List<FieldError>>, ContentHttpResult>> ExportProjectFindings(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
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
        var findings = await ReadFindingsAsync(db, projectId, source: null, suppressed: false, cancellationToken);
        return new FindingsExportResult(project, findings, time.GetUtcNow());
    }

    /// <param name="suppressed">As in Dependency-Track: include the findings a decision suppressed (left out by default).</param>
    private static async Task<List<(Finding Finding, StoredFinding Stored)>> ReadFindingsAsync(
        DepwatchDbContext db, Guid projectId, string? source, bool suppressed, CancellationToken cancellationToken)
    {
        var rows = await db.Findings.AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.ResolvedOn == null)
            .Join(db.Components, f => f.ComponentId, c => c.Id, (f, c) => new { Finding = f, Component = c })
            .Join(db.Vulnerabilities, r => r.Finding.VulnerabilityId, v => v.Id, (r, v) => new { r.Finding, r.Component, Vulnerability = v })
            .LeftJoin(db.FindingAnalyses,
                r => new { r.Finding.ProjectId, r.Component.Identity, r.Finding.VulnerabilityId },
                a => new { a.ProjectId, Identity = a.ComponentIdentity, a.VulnerabilityId },
                (r, a) => new { r.Finding, r.Component, r.Vulnerability, Analysis = a })
            .Where(r => source == null || r.Vulnerability.Source == source)
            .Where(r => suppressed || r.Analysis == null || !r.Analysis.Suppressed)
            .ToListAsync(cancellationToken);
        // Each vulnerability is read once, however many components it affects.
        var vulnerabilities = rows.Select(r => r.Vulnerability).DistinctBy(v => v.Id).ToDictionary(v => v.Id, VulnerabilityMapping.ToDomain);
        return rows
            .Select(r => ToFinding(r.Finding, r.Component, vulnerabilities[r.Vulnerability.Id], r.Analysis))
            .OrderBy(f => f.Stored.AttributedOn)
            .ThenByDescending(f => f.Finding.Vulnerability.Severity)
            .ThenBy(f => f.Finding.Vulnerability.VulnId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Component.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Component.Key, StringComparer.Ordinal)
            .ToList();
    }

    public static async Task<Results<Ok<AnalysisTokenJson>, BadRequest<List<FieldError>>, ContentHttpResult>> AnalyzeProject(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, IJobQueue queue, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var projectId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        var token = Guid.NewGuid();
        await queue.EnqueueAsync(JobKinds.AnalyzeProject, projectId, token, null, cancellationToken);
        return TypedResults.Ok(new AnalysisTokenJson(token));
    }

    private static (Finding Finding, StoredFinding Stored) ToFinding(
        FindingEntity finding, ComponentEntity component, Vulnerability vulnerability, FindingAnalysisEntity? analysis) => (
        new Finding(ComponentMapping.ToDomain(component), vulnerability, finding.FixedVersion, FindingStatusNames.Parse(finding.Status),
            finding.InstalledVersion, finding.AnalyzerIdentity, analysis is null ? null : AnalysisMapping.ToDomain(analysis)),
        new StoredFinding(finding.ProjectId, component.Id, finding.VulnerabilityId, finding.AttributedOn));
}
