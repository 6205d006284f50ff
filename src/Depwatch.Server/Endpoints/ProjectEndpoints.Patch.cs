using Depwatch.Server.Analysis;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints;

/// <summary>Changing a project: <c>PATCH /api/v1/project/{uuid}</c> changes the fields the body names, <c>POST</c> replaces them all.</summary>
internal static partial class ProjectEndpoints
{
    public static async Task<Results<Ok<ProjectJson>, BadRequest<List<FieldError>>, ContentHttpResult>> PatchProject(
        string uuid, ProjectRequest request, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics,
        CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await ChangeAsync(id, request, replaceAll: false, contexts, metrics, cancellationToken);
    }

    /// <summary>What a full update sends for an organisation the body leaves out: none.</summary>
    private static readonly OrganizationalEntity s_cleared = new(null, null, null);

    /// <summary>
    /// <c>POST /api/v1/project</c>, Dependency-Track's full update (as client-go and sbom-operator use it): every field
    /// takes the body's value, and one the body leaves out is cleared (description, purl, group, people, organisations,
    /// references, tags, parent) or set to its default (active, not latest, APPLICATION).
    /// </summary>
    public static async Task<Results<Ok<ProjectJson>, BadRequest<List<FieldError>>, ContentHttpResult>> UpdateProject(
        ProjectRequest request, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, CancellationToken cancellationToken)
    {
        if (request.Uuid is not { } id)
        {
            return TypedResults.BadRequest<List<FieldError>>([new FieldError("The project's uuid must be given.", "must not be null", "uuid", null)]);
        }
        var full = request with
        {
            Name = request.Name ?? "",
            Version = request.Version ?? "",
            Classifier = request.Classifier ?? "APPLICATION",
            Purl = request.Purl ?? "",
            Group = request.Group ?? "",
            Publisher = request.Publisher ?? "",
            Cpe = request.Cpe ?? "",
            SwidTagId = request.SwidTagId ?? "",
            Authors = request.Authors ?? (request.Author is null ? [] : null),
            Supplier = request.Supplier ?? s_cleared,
            Manufacturer = request.Manufacturer ?? s_cleared,
            ExternalReferences = request.ExternalReferences ?? [],
            Tags = request.Tags ?? [],
            Active = request.Active ?? true,
            IsLatest = request.IsLatest ?? false,
        };
        return await ChangeAsync(id, full, replaceAll: true, contexts, metrics, cancellationToken);
    }

    private static async Task<Results<Ok<ProjectJson>, BadRequest<List<FieldError>>, ContentHttpResult>> ChangeAsync(
        Guid id, ProjectRequest request, bool replaceAll, IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics,
        CancellationToken cancellationToken)
    {
        if (Validate(request, nameRequired: replaceAll) is { Count: > 0 } invalid)
        {
            return TypedResults.BadRequest(invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return ApiTexts.NotFound(ApiTexts.ProjectUuidNotFound);
        }
        if (await RefusalAsync(db, project, request, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        Apply(request, project);
        if (replaceAll)
        {
            project.Description = request.Description;
            project.ParentId = request.Parent?.Uuid;
        }
        if (request.IsLatest == true)
        {
            await db.Projects.Where(p => p.Name == project.Name && p.IsLatest && p.Id != project.Id)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.IsLatest, false), cancellationToken);
        }
        if (request.Tags is { } tags)
        {
            await ProjectTags.ReplaceAsync(db, project.Id, ProjectTags.Normalize(tags.Select(t => t.Name)), cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request took the same name and version a moment ago.
            return ApiTexts.Text(StatusCodes.Status409Conflict, ApiTexts.ProjectExists);
        }
        return TypedResults.Ok(await FullAsync(db, project, metrics, cancellationToken));
    }

    /// <summary>Why the change cannot be made, in Dependency-Track's words, or null when it can.</summary>
    private static async Task<ContentHttpResult?> RefusalAsync(
        DepwatchDbContext db, ProjectEntity project, ProjectRequest request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? project.Name;
        var versionKey = request.Version is null ? project.VersionKey : request.Version.Trim();
        if ((name != project.Name || versionKey != project.VersionKey)
            && await db.Projects.AnyAsync(p => p.Name == name && p.VersionKey == versionKey && p.Id != project.Id, cancellationToken))
        {
            return ApiTexts.Text(StatusCodes.Status409Conflict, ApiTexts.ProjectExists);
        }
        if (request.Active == false && await db.Projects.AnyAsync(p => p.ParentId == project.Id && p.Active, cancellationToken))
        {
            return ApiTexts.Text(StatusCodes.Status409Conflict, ApiTexts.ActiveChildren);
        }
        if (request.Parent?.Uuid is not { } parentId)
        {
            return null;
        }
        var (parent, refusal) = await FindParentAsync(db, parentId, cancellationToken);
        if (parent is null)
        {
            return refusal;
        }
        return await IsSelfOrDescendantAsync(db, project.Id, parent, cancellationToken)
            ? ApiTexts.Text(StatusCodes.Status409Conflict, ApiTexts.OwnParent)
            : null;
    }

    /// <summary>Whether <paramref name="candidate"/> is the project itself or below it, which would make a cycle.</summary>
    private static async Task<bool> IsSelfOrDescendantAsync(
        DepwatchDbContext db, Guid projectId, ProjectEntity candidate, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = candidate.Id; current is { } id && seen.Add(id);)
        {
            if (id == projectId)
            {
                return true;
            }
            current = await db.Projects.Where(p => p.Id == id).Select(p => p.ParentId).FirstOrDefaultAsync(cancellationToken);
        }
        return false;
    }

    private static void Apply(ProjectRequest request, ProjectEntity project)
    {
        if (request.Name is { } name)
        {
            project.Name = name.Trim();
        }
        if (request.Version is { } version)
        {
            project.Version = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
            project.VersionKey = project.Version ?? "";
        }
        project.Description = request.Description ?? project.Description;
        project.Classifier = request.Classifier ?? project.Classifier;
        if (request.Purl is { } purl)
        {
            project.Purl = string.IsNullOrWhiteSpace(purl) ? null : purl.Trim();
        }
        project.Active = request.Active ?? project.Active;
        project.IsLatest = request.IsLatest ?? project.IsLatest;
        project.ParentId = request.Parent?.Uuid ?? project.ParentId;
        ApplyDescription(request, project);
    }

    /// <summary>
    /// Sets the people, organisations, identifiers and references the request names; an empty text, list or organisation
    /// clears one. The deprecated <c>author</c> stands for one author of that name when <c>authors</c> is absent.
    /// </summary>
    private static void ApplyDescription(ProjectRequest request, ProjectEntity project)
    {
        project.Group = Trimmed(request.Group, project.Group);
        project.Publisher = Trimmed(request.Publisher, project.Publisher);
        project.Cpe = Trimmed(request.Cpe, project.Cpe);
        project.SwidTagId = Trimmed(request.SwidTagId, project.SwidTagId);
        var authors = request.Authors ?? (string.IsNullOrWhiteSpace(request.Author) ? null : [new OrganizationalContact(request.Author.Trim(), null, null)]);
        if (authors is not null)
        {
            project.Authors = ProjectParties.Write(authors);
        }
        if (request.Supplier is { } supplier)
        {
            project.Supplier = IsEmpty(supplier) ? null : ProjectParties.Write(supplier);
        }
        if (request.Manufacturer is { } manufacturer)
        {
            project.Manufacturer = IsEmpty(manufacturer) ? null : ProjectParties.Write(manufacturer);
        }
        if (request.ExternalReferences is { } references)
        {
            project.ExternalReferences = ProjectParties.Write(references);
        }
    }

    private static string? Trimmed(string? requested, string? current) => requested is null
        ? current
        : string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();

    private static bool IsEmpty(OrganizationalEntity organization) =>
        organization.Name is null && organization.Urls is not { Count: > 0 } && organization.Contacts is not { Count: > 0 };
}
