using Depwatch.Server.Analysis;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints;
using Depwatch.Server.Endpoints.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>What became of a project form: the project's id, or the errors to show next to their fields.</summary>
internal sealed record ProjectFormOutcome(Guid? ProjectId, IReadOnlyList<(string Field, string Message)> Errors, bool NotFound = false);

/// <summary>
/// The project pages' changes, made by the project API's own handlers (one way to write a project): their field
/// errors and Dependency-Track's refusals become messages next to the form's fields.
/// </summary>
internal sealed class WebProjects(IDbContextFactory<DepwatchDbContext> contexts, MetricsCalculator metrics, TimeProvider time)
{
    public async Task<ProjectJson?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await ProjectEndpoints.GetProject(id.ToString(), contexts, metrics, cancellationToken)).Result as Ok<ProjectJson> is { } ok ? ok.Value : null;

    public async Task<ProjectFormOutcome> CreateAsync(ProjectForm form, CancellationToken cancellationToken) => Outcome(
        (await ProjectEndpoints.CreateProject(form.ToRequest(null), contexts, time, cancellationToken)).Result);

    /// <summary>
    /// Replaces the fields the form shows; the API's fields the form does not show (authors, supplier, CPE, …, often
    /// set by the project's BOMs) keep their values rather than being cleared by the full update.
    /// </summary>
    public async Task<ProjectFormOutcome> UpdateAsync(Guid id, ProjectForm form, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } current)
        {
            return new ProjectFormOutcome(null, [], NotFound: true);
        }
        var request = form.ToRequest(id) with
        {
            Group = current.Group, Publisher = current.Publisher, Cpe = current.Cpe, SwidTagId = current.SwidTagId,
            Authors = current.Authors, Supplier = current.Supplier, Manufacturer = current.Manufacturer,
            ExternalReferences = current.ExternalReferences,
        };
        return Outcome((await ProjectEndpoints.UpdateProject(request, contexts, metrics, cancellationToken)).Result);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        (await ProjectEndpoints.DeleteProject(id.ToString(), contexts, cancellationToken)).Result is NoContent;

    /// <summary>Projects another may be put under: active ones, by name and version.</summary>
    public async Task<List<ProjectParentJson>> ParentChoicesAsync(Guid? except, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var projects = await db.Projects.AsNoTracking().Where(p => p.Active && p.Id != except)
            .OrderBy(p => p.Name).ThenBy(p => p.VersionKey).ToListAsync(cancellationToken);
        return [.. projects.Select(ProjectParentJson.From)];
    }

    private static ProjectFormOutcome Outcome(IResult result) => result switch
    {
        Created<ProjectJson> created => new(created.Value!.Uuid, []),
        Ok<ProjectJson> changed => new(changed.Value!.Uuid, []),
        BadRequest<List<FieldError>> invalid => new(null, [.. invalid.Value!.Select(e => (ProjectForm.FieldOf(e), e.Message))]),
        ContentHttpResult { StatusCode: StatusCodes.Status404NotFound, ResponseContent: ApiTexts.ProjectUuidNotFound } => new(null, [], NotFound: true),
        ContentHttpResult refusal => new(null, [(FieldOfRefusal(refusal.ResponseContent), refusal.ResponseContent ?? "The change was refused.")]),
        _ => throw new InvalidOperationException($"Unexpected project API result {result.GetType().Name}."),
    };

    private static string FieldOfRefusal(string? text) => "Form." + text switch
    {
        ApiTexts.ProjectExists => nameof(ProjectForm.Name),
        ApiTexts.ActiveChildren => nameof(ProjectForm.Active),
        _ => nameof(ProjectForm.Parent),
    };
}
