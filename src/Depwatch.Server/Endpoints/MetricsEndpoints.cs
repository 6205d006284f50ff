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
/// Dependency-Track's current metrics of a project and of the portfolio, computed from the unresolved findings at the
/// time of the request, so they are never behind the findings.
/// </summary>
internal static class MetricsEndpoints
{
    public static void MapMetrics(this IEndpointRouteBuilder api)
    {
        var metrics = api.MapGroup("/v1/metrics").WithTags("Metrics").RequireAuthorization(Permissions.ViewPortfolio);
        metrics.MapGet("/project/{uuid}/current", GetProjectMetrics).WithName("GetCurrentProjectMetrics")
            .WithSummary("Severity counts and risk score of the project's unresolved findings; empty before its first BOM or analysis")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        metrics.MapGet("/portfolio/current", GetPortfolioMetrics).WithName("GetCurrentPortfolioMetrics")
            .WithSummary("The sum of every active project's metrics");
    }

    public static async Task<Results<Ok<MetricsJson>, Ok, BadRequest<List<FieldError>>, ContentHttpResult>> GetProjectMetrics(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
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
        // Like Dependency-Track before a project's first metrics: 200 with no body.
        if (project.LastAnalysis is null && project.LastBomImport is null)
        {
            return TypedResults.Ok();
        }
        var counts = await metrics.ForProjectAsync(projectId, cancellationToken);
        return TypedResults.Ok(MetricsJson.ForProject(counts, ProjectJson.MetricsAsOf(project)));
    }

    public static async Task<Ok<MetricsJson>> GetPortfolioMetrics(
        IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var activeProjects = await db.Projects.CountAsync(p => p.Active, cancellationToken);
        var projects = await metrics.ForActiveProjectsAsync(cancellationToken);
        var sum = projects.Values.Aggregate(FindingMetrics.None, (total, project) => total + project);
        var vulnerable = projects.Values.Count(p => p.Vulnerabilities > 0);
        return TypedResults.Ok(MetricsJson.ForPortfolio(sum, activeProjects, vulnerable, time.GetUtcNow()));
    }
}
