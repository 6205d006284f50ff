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

/// <summary>
/// Dependency-Track's project badges: SVG images of a project's current vulnerability or policy violation counts, for READMEs and
/// dashboards. Off until an administrator sets <c>general/badge.enabled</c>; then they need <c>VIEW_BADGES</c>, given
/// in the <c>X-Api-Key</c> header or, for an image that cannot send headers, the <c>apiKey</c> query parameter.
/// </summary>
internal static class BadgeEndpoints
{
    public const string DisabledText =
        "Badges are turned off. An administrator can turn them on with the config property general/badge.enabled.";

    public static void MapBadges(this IEndpointRouteBuilder api)
    {
        var badges = api.MapGroup("/v1/badge").RequireAuthorization(Permissions.ViewBadges).WithTags("Badges");
        badges.MapGet("/vulns/project/{uuid}", GetBadgeByUuid).WithName("GetProjectVulnerabilitiesBadge")
            .WithSummary("An SVG badge of the project's current vulnerabilities by severity")
            .Produces<string>(StatusCodes.Status200OK, VulnerabilityBadge.ContentType)
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        badges.MapGet("/vulns/project/{name}/{version}", GetBadgeByName).WithName("GetProjectVulnerabilitiesBadgeByName")
            .WithSummary("An SVG badge of the named project version's current vulnerabilities by severity")
            .Produces<string>(StatusCodes.Status200OK, VulnerabilityBadge.ContentType)
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        badges.MapGet("/violations/project/{uuid}", GetViolationBadgeByUuid).WithName("GetProjectPolicyViolationsBadge")
            .WithSummary("An SVG badge of the project's open policy violations by state (FAIL, WARN, INFO)")
            .Produces<string>(StatusCodes.Status200OK, VulnerabilityBadge.ContentType)
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        badges.MapGet("/violations/project/{name}/{version}", GetViolationBadgeByName).WithName("GetProjectPolicyViolationsBadgeByName")
            .WithSummary("An SVG badge of the named project version's open policy violations by state")
            .Produces<string>(StatusCodes.Status200OK, VulnerabilityBadge.ContentType)
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<ContentHttpResult, BadRequest<List<FieldError>>>> GetBadgeByUuid(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await BadgeAsync(contexts, metrics, db => db.Projects.Where(p => p.Id == id), VulnerabilityBadge.Render, cancellationToken);
    }

    public static Task<ContentHttpResult> GetBadgeByName(
        string name, string version, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken) =>
        BadgeAsync(contexts, metrics, db => db.Projects.Where(p => p.Name == name && p.VersionKey == version), VulnerabilityBadge.Render, cancellationToken);

    public static async Task<Results<ContentHttpResult, BadRequest<List<FieldError>>>> GetViolationBadgeByUuid(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await BadgeAsync(contexts, metrics, db => db.Projects.Where(p => p.Id == id), ViolationBadge.Render, cancellationToken);
    }

    public static Task<ContentHttpResult> GetViolationBadgeByName(
        string name, string version, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken) =>
        BadgeAsync(contexts, metrics, db => db.Projects.Where(p => p.Name == name && p.VersionKey == version), ViolationBadge.Render, cancellationToken);

    private static async Task<ContentHttpResult> BadgeAsync(
        IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, Func<DepwatchDbContext, IQueryable<ProjectEntity>> project,
        Func<FindingMetrics, string> render, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enabled = await db.ConfigProperties.AnyAsync(
            p => p.GroupName == GeneralProperties.Group && p.PropertyName == GeneralProperties.BadgeEnabled && p.PropertyValue == "true", cancellationToken);
        if (!enabled)
        {
            return ApiTexts.NotFound(DisabledText);
        }
        var projectId = await project(db).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (projectId is not { } id)
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        var svg = render(await metrics.ForProjectAsync(id, cancellationToken));
        return TypedResults.Text(svg, VulnerabilityBadge.ContentType);
    }
}
