using System.Globalization;
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
/// Dependency-Track's metrics of a project and of the portfolio: the current ones computed from the unresolved findings
/// at the time of the request, so they are never behind the findings; the history one row per day.
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
        metrics.MapGet("/project/{uuid}/days/{days:int}", GetProjectHistoryDays).WithName("GetProjectMetricsDays")
            .WithSummary("The project's metrics, one row per day, over the last n days (oldest first)")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        metrics.MapGet("/project/{uuid}/since/{date}", GetProjectHistorySince).WithName("GetProjectMetricsSince")
            .WithSummary("The project's metrics, one row per day, from a date given as YYYYMMDD")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        metrics.MapGet("/portfolio/{days:int}/days", GetPortfolioHistoryDays).WithName("GetPortfolioMetricsDays")
            .WithSummary("The portfolio's metrics, one row per day, over the last n days (oldest first)");
        metrics.MapGet("/portfolio/since/{date}", GetPortfolioHistorySince).WithName("GetPortfolioMetricsSince")
            .WithSummary("The portfolio's metrics, one row per day, from a date given as YYYYMMDD")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain");
        metrics.MapGet("/project/{uuid}/refresh", RefreshProjectMetrics).RequireAuthorization(Permissions.PortfolioManagement)
            .WithName("RefreshProjectMetrics").WithSummary("Records the project's metrics in today's row now")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        metrics.MapGet("/portfolio/refresh", RefreshPortfolioMetrics).RequireAuthorization(Permissions.PortfolioManagement)
            .WithName("RefreshPortfolioMetrics").WithSummary("Records every active project's and the portfolio's metrics in today's rows now");
    }

    public static async Task<Results<Ok<List<MetricsJson>>, BadRequest<List<FieldError>>, ContentHttpResult>> GetProjectHistoryDays(
        string uuid, int days, IDbContextFactory<DepwatchDbContext> contexts, MetricsHistory history, CancellationToken cancellationToken) =>
        await ProjectHistoryAsync(uuid, history.DaysBack(days), contexts, history, cancellationToken);

    public static async Task<Results<Ok<List<MetricsJson>>, BadRequest<List<FieldError>>, ContentHttpResult>> GetProjectHistorySince(
        string uuid, string date, IDbContextFactory<DepwatchDbContext> contexts, MetricsHistory history, CancellationToken cancellationToken) =>
        ParseShortDate(date) is { } since
            ? await ProjectHistoryAsync(uuid, since, contexts, history, cancellationToken)
            : ApiTexts.Text(StatusCodes.Status400BadRequest, ApiTexts.BadShortDate);

    public static async Task<Ok<List<MetricsJson>>> GetPortfolioHistoryDays(int days, MetricsHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToJson(await history.PortfolioSinceAsync(history.DaysBack(days), cancellationToken)));

    public static async Task<Results<Ok<List<MetricsJson>>, ContentHttpResult>> GetPortfolioHistorySince(
        string date, MetricsHistory history, CancellationToken cancellationToken) =>
        ParseShortDate(date) is { } since
            ? TypedResults.Ok(ToJson(await history.PortfolioSinceAsync(since, cancellationToken)))
            : ApiTexts.Text(StatusCodes.Status400BadRequest, ApiTexts.BadShortDate);

    public static async Task<Results<Ok, BadRequest<List<FieldError>>, ContentHttpResult>> RefreshProjectMetrics(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, MetricsHistory history, CancellationToken cancellationToken)
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
        await history.RecordProjectAsync(projectId, null, cancellationToken);
        return TypedResults.Ok();
    }

    public static async Task<Ok> RefreshPortfolioMetrics(MetricsHistory history, CancellationToken cancellationToken)
    {
        await history.RecordPortfolioAsync(cancellationToken);
        return TypedResults.Ok();
    }

    private static async Task<Results<Ok<List<MetricsJson>>, BadRequest<List<FieldError>>, ContentHttpResult>> ProjectHistoryAsync(
        string uuid, DateOnly since, IDbContextFactory<DepwatchDbContext> contexts, MetricsHistory history, CancellationToken cancellationToken)
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
        return TypedResults.Ok(ToJson(await history.ProjectSinceAsync(projectId, since, cancellationToken)));
    }

    private static List<MetricsJson> ToJson(List<DayMetrics> days) => [.. days.Select(MetricsJson.ForDay)];

    private static DateOnly? ParseShortDate(string date) =>
        DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

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
        MetricsCalculator metrics, TimeProvider time, CancellationToken cancellationToken)
    {
        var portfolio = await metrics.ForPortfolioAsync(cancellationToken);
        return TypedResults.Ok(MetricsJson.ForPortfolio(portfolio.Sum, portfolio.Projects, portfolio.VulnerableProjects, time.GetUtcNow()));
    }
}
