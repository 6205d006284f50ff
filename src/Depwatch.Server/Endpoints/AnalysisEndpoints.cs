using System.Security.Claims;
using Depwatch.Core.Triage;
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
    private const int MaxTextLength = 10_000;

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
        var change = ParseChange(request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var commenter = user.Identity?.Name ?? "unknown";
        return Answer(await store.RecordAsync(projectId, componentId, vulnerabilityId, change, commenter,
            request.ApplyToAllProjects == true, cancellationToken));
    }

    private static AnalysisChange ParseChange(AnalysisRequest request, List<FieldError> errors)
    {
        var state = ParseName<AnalysisState>(request.AnalysisState, "analysisState", errors);
        var justification = ParseName<AnalysisJustification>(request.AnalysisJustification, "analysisJustification", errors);
        var response = ParseName<AnalysisResponse>(request.AnalysisResponse, "analysisResponse", errors);
        // CycloneDX: a justification says why a component is not affected, and means nothing with another state.
        if (justification != AnalysisJustification.NotSet && state != AnalysisState.NotAffected)
        {
            errors.Add(new FieldError(
                $"analysisJustification {AnalysisNames.Name(justification)} applies only to analysisState NOT_AFFECTED, not {AnalysisNames.Name(state)}",
                "analysisJustification requires analysisState NOT_AFFECTED", "analysisJustification", request.AnalysisJustification));
        }
        CheckText(request.AnalysisDetails, "analysisDetails", errors);
        CheckText(request.Comment, "comment", errors);
        return new AnalysisChange(state, justification, response, request.AnalysisDetails, request.Comment, request.IsSuppressed);
    }

    private static TEnum ParseName<TEnum>(string? name, string field, List<FieldError> errors) where TEnum : struct, Enum
    {
        if (name is null)
        {
            return default;
        }
        if (AnalysisNames.TryParse<TEnum>(name, out var value))
        {
            return value;
        }
        errors.Add(new FieldError($"{field} must be one of {string.Join(", ", AnalysisNames.All<TEnum>())}", "Invalid value", field, name));
        return default;
    }

    private static void CheckText(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
        {
            return;
        }
        if (text.Length > MaxTextLength)
        {
            errors.Add(new FieldError($"{field} is longer than {MaxTextLength} characters", "Too long", field, null));
        }
        else if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new FieldError($"{field} contains a NUL character", "Invalid character", field, null));
        }
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
