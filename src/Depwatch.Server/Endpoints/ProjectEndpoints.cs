using System.Globalization;
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

/// <summary>Dependency-Track's project API: list, look up, read, create, change and delete projects.</summary>
internal static partial class ProjectEndpoints
{
    private const int MaxNameLength = StoredText.MaxIndexedLength;

    internal static readonly string[] Classifiers =
    [
        "APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER", "OPERATING_SYSTEM", "DEVICE", "FIRMWARE", "FILE", "PLATFORM",
        "DEVICE_DRIVER", "MACHINE_LEARNING_MODEL", "DATA",
    ];

    public static void MapProjects(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/v1/project").WithTags("Projects");
        projects.MapGet("", GetProjects).RequireAuthorization(Permissions.ViewPortfolio).WithName("GetProjects")
            .WithSummary("Projects, paged (X-Total-Count), by exact name or a name search");
        projects.MapGet("/lookup", LookupProject).RequireAuthorization(Permissions.ViewPortfolio).WithName("LookupProject")
            .WithSummary("The project with exactly this name and version (no version: the project without one)")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        projects.MapGet("/latest/{name}", GetLatestProject).RequireAuthorization(Permissions.ViewPortfolio).WithName("GetLatestProject")
            .WithSummary("The version of the named project marked as the latest")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        projects.MapGet("/classifier/{classifier}", GetProjectsByClassifier).RequireAuthorization(Permissions.ViewPortfolio)
            .WithName("GetProjectsByClassifier").WithSummary("Projects with this classifier (e.g. APPLICATION, CONTAINER), paged (X-Total-Count)");
        projects.MapGet("/tag/{tag}", GetProjectsByTag).RequireAuthorization(Permissions.ViewPortfolio).WithName("GetProjectsByTag")
            .WithSummary("Projects with this tag (case-insensitive), paged (X-Total-Count)");
        projects.MapGet("/{uuid}/children", GetChildren).RequireAuthorization(Permissions.ViewPortfolio).WithName("GetProjectChildren")
            .WithSummary("The project's children, paged (X-Total-Count)")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        projects.MapGet("/{uuid}", GetProject).RequireAuthorization(Permissions.ViewPortfolio).WithName("GetProject")
            .WithSummary("One project with its metrics and its other versions")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        projects.MapPut("", CreateProject).RequireAuthorization(Permissions.PortfolioManagement).WithName("CreateProject")
            .WithSummary("Creates a project; 409 when one with the same name and version exists or the parent is inactive")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        projects.MapPut("/clone", CloneProject).RequireAuthorization(Permissions.PortfolioManagement).WithName("CloneProject")
            .WithSummary("Clones a project under a new version; answers the token of the clone's analysis")
            .WithDescription("includeTags, includeProperties, includeComponents (or includeDependencies: components with their findings) and "
                + "includeAuditHistory (triage decisions and their trail) choose what is copied besides the project's fields; makeCloneLatest "
                + "marks the clone the latest version. includeServices, includeACL and includePolicyViolations are accepted and have no effect.")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        projects.MapPost("", UpdateProject).RequireAuthorization(Permissions.PortfolioManagement).WithName("UpdateProject")
            .WithSummary("Replaces every field of the project the body's uuid names; a field left out is cleared or set to its default")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        projects.MapPatch("/{uuid}", PatchProject).RequireAuthorization(Permissions.PortfolioManagement).WithName("PatchProject")
            .WithSummary("Changes the fields the body names, leaving the others as they are")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        projects.MapDelete("/{uuid}", DeleteProject).RequireAuthorization(Permissions.PortfolioManagement).WithName("DeleteProject")
            .WithSummary("Deletes a project and its descendants, with their components and findings")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<Ok<List<ProjectJson>>, ProblemHttpResult>> GetProjects(
        string? name, bool? excludeInactive, bool? onlyRoot, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts,
        MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(request.Query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Projects.AsNoTracking();
        if (excludeInactive == true)
        {
            query = query.Where(p => p.Active);
        }
        if (onlyRoot == true)
        {
            query = query.Where(p => p.ParentId == null);
        }
        if (name is not null)
        {
            query = query.Where(p => p.Name == name);
        }
        else if (page.Filter is { } filter)
        {
            // As in Dependency-Track: part of the name in any case, or exactly one of the project's tags.
            var term = filter.ToLowerInvariant();
            var tag = ProjectTags.Normalize(filter);
            query = query.Where(p => p.Name.ToLower().Contains(term) || db.ProjectTags.Any(t => t.ProjectId == p.Id && t.Name == tag));
        }
        if (Order(query, page, byName: name is null) is not { } ordered)
        {
            return NotSortable(page.SortField!);
        }
        return TypedResults.Ok(await PageAsync(db, query, ordered, page, request, metrics, withMetrics: name is null, cancellationToken));
    }

    public static async Task<Results<Ok<List<ProjectJson>>, ProblemHttpResult>> GetProjectsByTag(
        string tag, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(request.Query);
        var name = ProjectTags.Normalize(tag);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Projects.AsNoTracking().Where(p => db.ProjectTags.Any(t => t.ProjectId == p.Id && t.Name == name));
        if (Order(query, page, byName: true) is not { } ordered)
        {
            return NotSortable(page.SortField!);
        }
        return TypedResults.Ok(await PageAsync(db, query, ordered, page, request, metrics, withMetrics: true, cancellationToken));
    }

    public static async Task<Results<Ok<List<ProjectJson>>, BadRequest<List<FieldError>>, ProblemHttpResult>> GetProjectsByClassifier(
        string classifier, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        if (ClassifierError(classifier) is { } error)
        {
            return TypedResults.BadRequest<List<FieldError>>([error]);
        }
        var page = PageRequest.From(request.Query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Projects.AsNoTracking().Where(p => p.Classifier == classifier);
        if (Order(query, page, byName: true) is not { } ordered)
        {
            return NotSortable(page.SortField!);
        }
        return TypedResults.Ok(await PageAsync(db, query, ordered, page, request, metrics, withMetrics: true, cancellationToken));
    }

    public static async Task<Results<Ok<ProjectJson>, ContentHttpResult>> GetLatestProject(
        string name, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name && p.IsLatest, cancellationToken);
        return project is null
            ? ApiTexts.NotFound(ApiTexts.ProjectNotFound)
            : TypedResults.Ok(await FullAsync(db, project, metrics, cancellationToken));
    }

    public static async Task<Results<Ok<List<ProjectJson>>, BadRequest<List<FieldError>>, ProblemHttpResult, ContentHttpResult>> GetChildren(
        string uuid, HttpRequest request, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        var page = PageRequest.From(request.Query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        var query = db.Projects.AsNoTracking().Where(p => p.ParentId == id);
        if (Order(query, page, byName: true) is not { } ordered)
        {
            return NotSortable(page.SortField!);
        }
        return TypedResults.Ok(await PageAsync(db, query, ordered, page, request, metrics, withMetrics: true, cancellationToken));
    }

    private static async Task<List<ProjectJson>> PageAsync(
        DepwatchDbContext db, IQueryable<ProjectEntity> query, IQueryable<ProjectEntity> ordered, PageRequest page, HttpRequest request,
        MetricsCalculator metrics, bool withMetrics, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers["X-Total-Count"] = (await query.CountAsync(cancellationToken)).ToString(CultureInfo.InvariantCulture);
        var projects = await page.Apply(ordered).ToListAsync(cancellationToken);
        var ids = projects.Select(p => p.Id).ToList();
        var tags = await ProjectTags.ForProjectsAsync(db, ids, cancellationToken);
        var counts = withMetrics ? await metrics.ForProjectsAsync(ids, cancellationToken) : null;
        var parents = await ParentsAsync(db, projects, cancellationToken);
        var children = await ProjectRelations.ChildrenOfAsync(db, ids, cancellationToken);
        return [.. projects.Select(p => ProjectJson.From(p, tags.GetValueOrDefault(p.Id, []), counts?.GetValueOrDefault(p.Id, FindingMetrics.None)) with
        {
            Parent = p.ParentId is { } parentId ? parents.GetValueOrDefault(parentId) : null,
            Children = [.. children[p.Id].Select(ProjectRefJson.From)],
        })];
    }

    private static async Task<Dictionary<Guid, ProjectParentJson>> ParentsAsync(
        DepwatchDbContext db, IReadOnlyCollection<ProjectEntity> projects, CancellationToken cancellationToken)
    {
        var parentIds = projects.Select(p => p.ParentId).OfType<Guid>().Distinct().ToList();
        if (parentIds.Count == 0)
        {
            return [];
        }
        var parents = await db.Projects.AsNoTracking().Where(p => parentIds.Contains(p.Id)).ToListAsync(cancellationToken);
        return parents.ToDictionary(p => p.Id, ProjectParentJson.From);
    }

    public static async Task<Results<Ok<ProjectJson>, ContentHttpResult>> LookupProject(
        string? name, string? version, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        var versionKey = version ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name && p.VersionKey == versionKey, cancellationToken);
        return project is null
            ? ApiTexts.NotFound(ApiTexts.ProjectNotFound)
            : TypedResults.Ok(await FullAsync(db, project, metrics, cancellationToken));
    }

    public static async Task<Results<Ok<ProjectJson>, BadRequest<List<FieldError>>, ContentHttpResult>> GetProject(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return project is null
            ? ApiTexts.NotFound(ApiTexts.ProjectNotFound)
            : TypedResults.Ok(await FullAsync(db, project, metrics, cancellationToken));
    }

    public static async Task<Results<Created<ProjectJson>, BadRequest<List<FieldError>>, ContentHttpResult>> CreateProject(
        ProjectRequest request, IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Validate(request, nameRequired: true) is { Count: > 0 } errors)
        {
            return TypedResults.BadRequest(errors);
        }
        var project = NewProject(request, time.GetUtcNow());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        ProjectEntity? parent = null;
        if (request.Parent?.Uuid is { } parentId)
        {
            (parent, var refusal) = await FindParentAsync(db, parentId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }
            project.ParentId = parentId;
        }
        if (await db.Projects.AnyAsync(p => p.Name == project.Name && p.VersionKey == project.VersionKey, cancellationToken))
        {
            return ApiTexts.Text(StatusCodes.Status409Conflict, ApiTexts.ProjectExists);
        }
        if (project.IsLatest)
        {
            await db.Projects.Where(p => p.Name == project.Name && p.IsLatest).ExecuteUpdateAsync(p => p.SetProperty(x => x.IsLatest, false), cancellationToken);
        }
        db.Projects.Add(project);
        var tags = ProjectTags.Normalize(request.Tags?.Select(t => t.Name) ?? []);
        db.ProjectTags.AddRange(tags.Select(t => new ProjectTagEntity { ProjectId = project.Id, Name = t }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created the same name and version a moment ago.
            return ApiTexts.Text(StatusCodes.Status409Conflict, ApiTexts.ProjectExists);
        }
        return TypedResults.Created((string?)null, ProjectJson.From(project, tags, FindingMetrics.None)
            with { Parent = parent is null ? null : ProjectParentJson.From(parent) });
    }

    public static async Task<Results<NoContent, BadRequest<List<FieldError>>, ContentHttpResult>> DeleteProject(
        string uuid, IDbContextFactory<DepwatchDbContext> contexts, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Components, findings, jobs and analysis runs go with it (cascading foreign keys); vulnerabilities stay.
        var deleted = await db.Projects.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? ApiTexts.NotFound(ApiTexts.ProjectUuidNotFound) : TypedResults.NoContent();
    }

    /// <summary>The project to put another under, or Dependency-Track's answer when it cannot be one.</summary>
    private static async Task<(ProjectEntity? Parent, ContentHttpResult? Refusal)> FindParentAsync(
        DepwatchDbContext db, Guid parentId, CancellationToken cancellationToken)
    {
        var parent = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == parentId, cancellationToken);
        if (parent is null)
        {
            return (null, ApiTexts.NotFound(ApiTexts.ParentUuidNotFound));
        }
        return parent.Active ? (parent, null) : (null, ApiTexts.Text(StatusCodes.Status409Conflict, ApiTexts.InactiveParent));
    }

    private static async Task<ProjectJson> FullAsync(
        DepwatchDbContext db, ProjectEntity project, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        var versions = await db.Projects.AsNoTracking().Where(p => p.Name == project.Name)
            .OrderByDescending(p => p.VersionKey)
            .Select(p => new ProjectVersionJson(p.Id, p.Version, p.Active))
            .ToListAsync(cancellationToken);
        var relations = await ProjectRelations.ReadAsync(db, project, cancellationToken);
        return ProjectJson.From(project, relations.Tags, await metrics.ForProjectAsync(project.Id, cancellationToken), versions) with
        {
            Parent = relations.Parent is { } parent ? ProjectParentJson.From(parent) : null,
            Children = [.. relations.Children.Select(ProjectRefJson.From)],
            Properties = await ProjectProperties.ListAsync(db, project.Id, cancellationToken),
        };
    }

    private static IQueryable<ProjectEntity>? Order(IQueryable<ProjectEntity> query, PageRequest page, bool byName)
    {
        if (page.SortField is null)
        {
            return byName ? query.OrderBy(p => p.Name).ThenByDescending(p => p.VersionKey) : query.OrderByDescending(p => p.VersionKey);
        }
        return page.SortField switch
        {
            "name" => page.Descending ? query.OrderByDescending(p => p.Name).ThenByDescending(p => p.VersionKey) : query.OrderBy(p => p.Name).ThenByDescending(p => p.VersionKey),
            "version" => page.Descending ? query.OrderByDescending(p => p.VersionKey) : query.OrderBy(p => p.VersionKey),
            "classifier" => page.Descending ? query.OrderByDescending(p => p.Classifier) : query.OrderBy(p => p.Classifier),
            "active" => page.Descending ? query.OrderByDescending(p => p.Active) : query.OrderBy(p => p.Active),
            "lastBomImport" => page.Descending ? query.OrderByDescending(p => p.LastBomImport) : query.OrderBy(p => p.LastBomImport),
            _ => null,
        };
    }

    private static ProblemHttpResult NotSortable(string field) => TypedResults.Problem(
        title: "Field not sortable", detail: $"Can not sort by Project#{field}: The field does not exist", statusCode: StatusCodes.Status400BadRequest);

    private static List<FieldError> Validate(ProjectRequest request, bool nameRequired)
    {
        var errors = new List<FieldError>();
        if (nameRequired || request.Name is not null)
        {
            if (string.IsNullOrWhiteSpace(request.Name))
            {
                errors.Add(new FieldError("The name must not be blank.", "must not be blank", "name", request.Name));
            }
            else if (request.Name.Trim().Length > MaxNameLength || request.Name.Any(char.IsControl))
            {
                errors.Add(new FieldError($"The name must be printable and at most {MaxNameLength} characters long.",
                    "size must be between 1 and 255", "name", request.Name));
            }
        }
        errors.AddRange(new[]
        {
            Stored("version", request.Version?.Trim(), StoredText.IndexedProblem),
            Stored("purl", request.Purl, StoredText.IdentifierProblem),
            Stored("description", request.Description, StoredText.TextProblem),
        }.OfType<FieldError>());
        if (request.Classifier is { } classifier && ClassifierError(classifier) is { } classifierError)
        {
            errors.Add(classifierError);
        }
        if (request.Parent is { Uuid: null })
        {
            errors.Add(new FieldError("parent.uuid must be provided when parent is set", "parent.uuid must be provided when parent is set", "parent.uuid", null));
        }
        errors.AddRange(ProjectFieldRules.Check(request));
        if (request.Tags is { } tags && ProjectTags.Problem(ProjectTags.Normalize(tags.Select(t => t.Name))) is { } tagProblem)
        {
            errors.Add(new FieldError(tagProblem, "invalid tags", "tags", null));
        }
        return errors;
    }

    private static FieldError? ClassifierError(string classifier) => Classifiers.Contains(classifier)
        ? null
        : new FieldError($"The classifier must be one of {string.Join(", ", Classifiers)}.", "must be a known classifier", "classifier", classifier);

    /// <summary>The error for a field whose value Depwatch cannot store, or null; the value is not echoed, as it may hold anything.</summary>
    private static FieldError? Stored(string field, string? value, Func<string, string?> problemOf) =>
        value is not null && problemOf(value) is { } problem
            ? new FieldError($"The {field} {problem}.", problem, field, null)
            : null;

    private static ProjectEntity NewProject(ProjectRequest request, DateTimeOffset now)
    {
        var version = string.IsNullOrWhiteSpace(request.Version) ? null : request.Version.Trim();
        var project = new ProjectEntity
        {
            Id = Guid.NewGuid(),
            Name = request.Name!.Trim(),
            Version = version,
            VersionKey = version ?? "",
            Description = request.Description,
            Classifier = request.Classifier ?? "APPLICATION",
            Purl = string.IsNullOrWhiteSpace(request.Purl) ? null : request.Purl.Trim(),
            Active = request.Active ?? true,
            IsLatest = request.IsLatest ?? false,
            Created = now,
        };
        ApplyDescription(request, project);
        return project;
    }
}
