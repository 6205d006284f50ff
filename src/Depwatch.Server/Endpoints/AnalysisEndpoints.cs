using System.Security.Claims;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Teams;
using Depwatch.Server.Triage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's analysis API: the decision about one finding and its audit trail.</summary>
internal static class AnalysisEndpoints
{
    public static void MapAnalyses(this IEndpointRouteBuilder api)
    {
        var analyses = api.MapGroup("/v1/analysis").WithTags("Analysis");
        analyses.MapGet("", GetAnalysis).RequireAuthorization(Permissions.ViewVulnerability).WithName("GetAnalysis")
            .WithSummary("The decision about a vulnerability in a component, with its audit trail")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        analyses.MapPut("", RecordAnalysis).RequireAuthorization(Permissions.VulnerabilityAnalysis).WithName("UpdateAnalysis")
            .WithSummary("Records a decision about a finding; every change is added to its audit trail with who made it")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<Ok<AnalysisJson>, BadRequest<List<FieldError>>, ContentHttpResult>> GetAnalysis(
        string? project, string? component, string? vulnerability, AnalysisStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var projectId = OptionalUuid(project, "project", errors);
        var componentId = RequiredUuid(component, "component", errors);
        var vulnerabilityId = RequiredUuid(vulnerability, "vulnerability", errors);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        return Answer(await store.FindAsync(projectId, componentId, vulnerabilityId, cancellationToken));
    }

    public static async Task<Results<Ok<AnalysisJson>, BadRequest<List<FieldError>>, ContentHttpResult>> RecordAnalysis(
        AnalysisRequest request, ClaimsPrincipal user, AnalysisStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var projectId = OptionalUuid(request.Project, "project", errors);
        var componentId = RequiredUuid(request.Component, "component", errors);
        var vulnerabilityId = RequiredUuid(request.Vulnerability, "vulnerability", errors);
        var change = AnalysisChanges.Parse(request.AnalysisState, request.AnalysisJustification, request.AnalysisResponse,
            request.AnalysisDetails, request.Comment, request.IsSuppressed, errors);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var commenter = user.Identity?.Name ?? "unknown";
        return Answer(await store.RecordAsync(projectId, componentId, vulnerabilityId, change, commenter,
            request.ApplyToAllProjects == true, cancellationToken));
    }

    private static Guid? OptionalUuid(string? value, string field, List<FieldError> errors) =>
        value is null ? null : RequiredUuid(value, field, errors);

    private static Guid RequiredUuid(string? value, string field, List<FieldError> errors)
    {
        if (value is null)
        {
            errors.Add(new FieldError($"{field} is required", "Required", field, null));
            return Guid.Empty;
        }
        if (!PathUuid.TryParse(value, field, out var uuid, out var invalid))
        {
            errors.AddRange(invalid);
        }
        return uuid;
    }

    private static Results<Ok<AnalysisJson>, BadRequest<List<FieldError>>, ContentHttpResult> Answer(AnalysisResult result) => result.Outcome switch
    {
        AnalysisLookup.Found => TypedResults.Ok(AnalysisJson.From(result.Record!)),
        AnalysisLookup.ProjectNotFound => ApiTexts.NotFound(ApiTexts.ProjectNotFound),
        AnalysisLookup.ComponentNotFound => ApiTexts.NotFound(ApiTexts.ComponentNotFound),
        AnalysisLookup.VulnerabilityNotFound => ApiTexts.NotFound(ApiTexts.VulnerabilityNotFound),
        _ => ApiTexts.NotFound(ApiTexts.NoAnalysis),
    };
}
