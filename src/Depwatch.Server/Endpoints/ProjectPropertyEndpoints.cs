using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Secrets;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's project properties (<c>/api/v1/project/{uuid}/property</c>), PORTFOLIO_MANAGEMENT only, as in 4.12.</summary>
internal static class ProjectPropertyEndpoints
{
    public static void MapProjectProperties(this IEndpointRouteBuilder api)
    {
        var properties = api.MapGroup("/v1/project/{uuid}/property").RequireAuthorization(Permissions.PortfolioManagement)
            .WithTags("Project properties");
        properties.MapGet("", GetProjectProperties).WithName("GetProjectProperties")
            .WithSummary("The project's properties, by group and name; encrypted values read as a placeholder")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        properties.MapPut("", CreateProjectProperty).WithName("CreateProjectProperty")
            .WithSummary("Creates a property; 409 when the project has one of that group and name")
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        properties.MapPost("", UpdateProjectProperty).WithName("UpdateProjectProperty")
            .WithSummary("Changes a property's value; 304 when the encrypted placeholder is sent back")
            .Produces(StatusCodes.Status304NotModified)
            .Produces<string>(StatusCodes.Status400BadRequest, "text/plain")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        properties.MapDelete("", DeleteProjectProperty).WithName("DeleteProjectProperty")
            .WithSummary("Deletes the property the body's groupName and propertyName name")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<Ok<List<ConfigProperty>>, BadRequest<List<FieldError>>, ContentHttpResult>> GetProjectProperties(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var projectId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken)
            ? TypedResults.Ok(await ProjectProperties.ListAsync(db, projectId, cancellationToken))
            : ApiTexts.NotFound(ApiTexts.ProjectNotFound);
    }

    public static async Task<Results<Created<ConfigProperty>, BadRequest<List<FieldError>>, ContentHttpResult>> CreateProjectProperty(
        string uuid, ConfigProperty request, IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets,
        CancellationToken cancellationToken)
    {
        if (Invalid(uuid, request, out var projectId, checkType: true) is { } errors)
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        var property = new ProjectPropertyEntity
        {
            ProjectId = projectId,
            GroupName = request.GroupName!.Trim(),
            PropertyName = request.PropertyName!.Trim(),
            PropertyType = request.PropertyType!,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
        };
        if (await ProjectProperties.FindAsync(db, projectId, property.GroupName, property.PropertyName, cancellationToken) is not null)
        {
            return ApiTexts.Text(StatusCodes.Status409Conflict, ProjectProperties.Exists);
        }
        // A new encrypted property given the placeholder has no value to keep: it starts empty.
        var check = ProjectProperties.StoredValue(secrets, property, Trim(request.PropertyValue)) ?? ValueCheck.Accept(null);
        if (!check.Accepted)
        {
            return ApiTexts.Text(StatusCodes.Status400BadRequest, check.Error!);
        }
        property.PropertyValue = check.Value;
        db.ProjectProperties.Add(property);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created it a moment ago, or the project was deleted meanwhile.
            return ApiTexts.Text(StatusCodes.Status409Conflict, ProjectProperties.Exists);
        }
        return TypedResults.Created((string?)null, ProjectProperties.ToApi(property));
    }

    public static async Task<Results<Ok<ConfigProperty>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> UpdateProjectProperty(
        string uuid, ConfigProperty request, IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets,
        CancellationToken cancellationToken)
    {
        if (Invalid(uuid, request, out var projectId, checkType: false) is { } errors)
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        var property = await ProjectProperties.FindAsync(db, projectId, request.GroupName!.Trim(), request.PropertyName!.Trim(), cancellationToken);
        if (property is null)
        {
            return ApiTexts.NotFound(ProjectProperties.NotFoundForUpdate);
        }
        if (ProjectProperties.StoredValue(secrets, property, Trim(request.PropertyValue)) is not { } check)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        if (!check.Accepted)
        {
            return ApiTexts.Text(StatusCodes.Status400BadRequest, check.Error!);
        }
        property.PropertyValue = check.Value;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProjectProperties.ToApi(property));
    }

    public static async Task<Results<NoContent, BadRequest<List<FieldError>>, ContentHttpResult>> DeleteProjectProperty(
        string uuid, [FromBody] ConfigProperty request, IDbContextFactory<DepwatchDbContext> contexts, CancellationToken cancellationToken)
    {
        if (Invalid(uuid, request with { PropertyValue = null }, out var projectId, checkType: false) is { } errors)
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken))
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        var (group, name) = (request.GroupName!.Trim(), request.PropertyName!.Trim());
        var deleted = await db.ProjectProperties
            .Where(p => p.ProjectId == projectId && p.GroupName == group && p.PropertyName == name)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? ApiTexts.NotFound(ProjectProperties.NotFoundForDelete) : TypedResults.NoContent();
    }

    /// <summary>The errors of a malformed path or body, or null: names as config properties have them, a value of at most 1,024 characters, a known type.</summary>
    private static List<FieldError>? Invalid(string uuid, ConfigProperty request, out Guid projectId, bool checkType)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out projectId, out var errors))
        {
            return errors;
        }
        errors.AddRange(ConfigPropertyRequestValidation.Check(request));
        if (request.PropertyValue is { Length: > MaxValueLength })
        {
            errors.Add(new FieldError($"The propertyValue must be at most {MaxValueLength} characters long.", "size must be between 0 and 1024", "propertyValue", null));
        }
        if (request.Description is { } description && StoredText.IndexedProblem(description) is { } problem)
        {
            errors.Add(new FieldError($"The description {problem}.", problem, "description", null));
        }
        if (checkType && (request.PropertyType is not { } type || !ProjectProperties.Types.Contains(type)))
        {
            errors.Add(new FieldError($"The propertyType must be one of {string.Join(", ", ProjectProperties.Types)}.",
                "must not be null", "propertyType", request.PropertyType));
        }
        return errors.Count > 0 ? errors : null;
    }

    private const int MaxValueLength = 1024;

    private static string? Trim(string? value) => value?.Trim();
}
