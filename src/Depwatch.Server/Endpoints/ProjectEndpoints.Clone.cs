using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Jobs;
using Depwatch.Server.Secrets;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints;

/// <summary><c>PUT /api/v1/project/clone</c>: a new version of a project, made from an existing one.</summary>
internal static partial class ProjectEndpoints
{
    public const string CloneExists = "A project with the specified name and version already exists.";

    /// <summary>
    /// Clones a project in one transaction and answers Dependency-Track's <c>{"token": …}</c>. A clone with components is
    /// analysed as a new upload would be, under that token; their findings and (with <c>includeAuditHistory</c>) the
    /// triage decisions are copied first, so the clone reads as its source did until the analysis ends.
    /// </summary>
    public static async Task<Results<Ok<AnalysisTokenJson>, BadRequest<List<FieldError>>, ContentHttpResult>> CloneProject(
        CloneProjectRequest request, IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, IJobQueue queue,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (CloneErrors(request, out var sourceId) is { Count: > 0 } errors)
        {
            return TypedResults.BadRequest(errors);
        }
        var version = string.IsNullOrWhiteSpace(request.Version) ? null : request.Version.Trim();
        var scope = new CloneScope(request.IncludeTags, request.IncludeProperties, request.IncludeComponents || request.IncludeDependencies,
            request.IncludeAuditHistory, request.MakeCloneLatest);
        var now = time.GetUtcNow();
        var token = Guid.NewGuid();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var source = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return ApiTexts.NotFound(ApiTexts.ProjectUuidNotFound);
        }
        if (await db.Projects.AnyAsync(p => p.Name == source.Name && p.VersionKey == (version ?? ""), cancellationToken))
        {
            return ApiTexts.Text(StatusCodes.Status409Conflict, CloneExists);
        }
        try
        {
            var clone = await ProjectCloner.StageAsync(db, secrets, source, version, scope, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (scope.Components && await ProjectCloner.CopyComponentsAsync(db, source.Id, clone.Id, now, cancellationToken) > 0)
            {
                clone.LastAnalysisState = JobStates.Queued;
                queue.Enqueue(db, JobKinds.AnalyzeProject, clone.Id, token, payload: null);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request took the same name and version a moment ago.
            return ApiTexts.Text(StatusCodes.Status409Conflict, CloneExists);
        }
        queue.Committed();
        return TypedResults.Ok(new AnalysisTokenJson(token));
    }

    private static List<FieldError> CloneErrors(CloneProjectRequest request, out Guid sourceId)
    {
        var errors = new List<FieldError>();
        if (!PathUuid.TryParse(request.Project ?? "", "project", out sourceId, out _))
        {
            errors.Add(new FieldError("The project must be a valid 36 character UUID", "The project must be a valid 36 character UUID", "project", request.Project));
        }
        if (request.Version is { } version && StoredText.IndexedProblem(version.Trim()) is { } problem)
        {
            errors.Add(new FieldError($"The version {problem}.", problem, "version", null));
        }
        return errors;
    }
}
