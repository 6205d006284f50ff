using System.Globalization;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's component API: a project's inventory, paged.</summary>
internal static class ComponentEndpoints
{
    public static void MapComponents(this IEndpointRouteBuilder api)
    {
        api.MapGet("/v1/component/project/{uuid}", GetProjectComponents).RequireAuthorization(Permissions.ViewPortfolio)
            .WithName("GetProjectComponents").WithTags("Components")
            .WithSummary("The project's components, paged (X-Total-Count), optionally matching a name or group search")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<Ok<List<ComponentJson>>, BadRequest<List<FieldError>>, ProblemHttpResult, ContentHttpResult>> GetProjectComponents(
        string uuid, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var projectId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        var page = PageRequest.From(request.Query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        var query = db.Components.AsNoTracking().Where(c => c.ProjectId == projectId);
        if (page.Filter is { } filter)
        {
            var term = filter.ToLowerInvariant();
            query = query.Where(c => c.Name.ToLower().Contains(term) || (c.Group != null && c.Group.ToLower().Contains(term)));
        }
        if (Order(query, page) is not { } ordered)
        {
            return TypedResults.Problem(title: "Field not sortable",
                detail: $"Can not sort by Component#{page.SortField}: The field does not exist", statusCode: StatusCodes.Status400BadRequest);
        }
        request.HttpContext.Response.Headers["X-Total-Count"] = (await query.CountAsync(cancellationToken)).ToString(CultureInfo.InvariantCulture);
        var components = await page.Apply(ordered).ToListAsync(cancellationToken);
        return TypedResults.Ok(components.Select(c => ComponentJson.From(c, project)).ToList());
    }

    private static IQueryable<ComponentEntity>? Order(IQueryable<ComponentEntity> query, PageRequest page) => page.SortField switch
    {
        null => query.OrderBy(c => c.Name).ThenByDescending(c => c.Version).ThenBy(c => c.Id),
        "name" => page.Descending ? query.OrderByDescending(c => c.Name).ThenBy(c => c.Id) : query.OrderBy(c => c.Name).ThenBy(c => c.Id),
        "version" => page.Descending ? query.OrderByDescending(c => c.Version).ThenBy(c => c.Id) : query.OrderBy(c => c.Version).ThenBy(c => c.Id),
        "group" => page.Descending ? query.OrderByDescending(c => c.Group).ThenBy(c => c.Id) : query.OrderBy(c => c.Group).ThenBy(c => c.Id),
        "purl" => page.Descending ? query.OrderByDescending(c => c.Purl).ThenBy(c => c.Id) : query.OrderBy(c => c.Purl).ThenBy(c => c.Id),
        _ => null,
    };
}
