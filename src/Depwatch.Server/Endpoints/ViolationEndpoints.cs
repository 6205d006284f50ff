using System.Globalization;
using System.Security.Claims;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Policies;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's policy violation API: open violations, paged, and the decisions made about them.</summary>
internal static class ViolationEndpoints
{
    public static void MapViolations(this IEndpointRouteBuilder api)
    {
        var violations = api.MapGroup("/v1/violation").WithTags("Violations");
        violations.MapGet("", GetViolations).RequireAuthorization(Permissions.ViewPolicyViolation).WithName("GetViolations")
            .WithSummary("The open violations of active projects, newest first, paged (X-Total-Count); suppressed ones with suppressed=true");
        violations.MapGet("/project/{uuid}", GetProjectViolations).RequireAuthorization(Permissions.ViewPolicyViolation)
            .WithName("GetViolationsByProject").WithSummary("The project's open violations, paged (X-Total-Count)")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        violations.MapGet("/component/{uuid}", GetComponentViolations).RequireAuthorization(Permissions.ViewPolicyViolation)
            .WithName("GetViolationsByComponent").WithSummary("The component's open violations, paged (X-Total-Count)")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        violations.MapGet("/analysis", GetAnalysis).RequireAuthorization(Permissions.ViewPolicyViolation).WithName("GetViolationAnalysis")
            .WithSummary("The decision about a violation, with its audit trail").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        violations.MapPut("/analysis", RecordAnalysis).RequireAuthorization(Permissions.PolicyViolationAnalysis).WithName("UpdateViolationAnalysis")
            .WithSummary("Approves, rejects or suppresses a violation; every change is added to its trail with who made it")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static Task<Ok<List<ViolationJson>>> GetViolations(bool? suppressed, HttpRequest request, ViolationStore store, CancellationToken cancellationToken) =>
        PageAsync(null, null, suppressed, request, store, cancellationToken);

    public static async Task<Results<Ok<List<ViolationJson>>, BadRequest<List<FieldError>>, ContentHttpResult>> GetProjectViolations(
        string uuid, bool? suppressed, HttpRequest request, ViolationStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var projectId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        if (!await store.ProjectExistsAsync(projectId, cancellationToken))
        {
            return ApiTexts.NotFound(ApiTexts.ProjectNotFound);
        }
        return await PageAsync(projectId, null, suppressed, request, store, cancellationToken);
    }

    public static async Task<Results<Ok<List<ViolationJson>>, BadRequest<List<FieldError>>, ContentHttpResult>> GetComponentViolations(
        string uuid, bool? suppressed, HttpRequest request, ViolationStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var componentId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        if (!await store.ComponentExistsAsync(componentId, cancellationToken))
        {
            return ApiTexts.NotFound(ApiTexts.ComponentNotFound);
        }
        return await PageAsync(null, componentId, suppressed, request, store, cancellationToken);
    }

    public static async Task<Results<Ok<ViolationAnalysisJson>, BadRequest<List<FieldError>>, ContentHttpResult>> GetAnalysis(
        string? component, string? policyViolation, ViolationStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var componentId = Uuid(component, "component", errors);
        var violationId = Uuid(policyViolation, "policyViolation", errors);
        return errors.Count > 0 ? TypedResults.BadRequest(errors) : Answer(await store.GetAnalysisAsync(componentId, violationId, cancellationToken));
    }

    public static async Task<Results<Ok<ViolationAnalysisJson>, BadRequest<List<FieldError>>, ContentHttpResult>> RecordAnalysis(
        ViolationAnalysisRequest request, ClaimsPrincipal user, ViolationStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var componentId = Uuid(request.Component, "component", errors);
        var violationId = Uuid(request.PolicyViolation, "policyViolation", errors);
        var state = request.AnalysisState?.Trim().ToUpperInvariant();
        if (state is not null && !ViolationStore.AnalysisStates.Contains(state))
        {
            errors.Add(new FieldError("analysisState must be one of NOT_SET, APPROVED, REJECTED", "Invalid", "analysisState", request.AnalysisState));
        }
        if (request.Comment is { } comment && Data.StoredText.TextProblem(comment) is { } problem)
        {
            errors.Add(new FieldError($"comment {problem}", "Invalid", "comment", null));
        }
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var commenter = user.Identity?.Name ?? "unknown";
        return Answer(await store.RecordAsync(componentId, violationId, state, request.IsSuppressed, request.Comment, commenter, cancellationToken));
    }

    private static async Task<Ok<List<ViolationJson>>> PageAsync(
        Guid? projectId, Guid? componentId, bool? suppressed, HttpRequest request, ViolationStore store, CancellationToken cancellationToken)
    {
        var (page, total) = await store.ListAsync(projectId, componentId, suppressed == true, PageRequest.From(request.Query), cancellationToken);
        request.HttpContext.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(page);
    }

    private static Guid Uuid(string? value, string field, List<FieldError> errors)
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

    private static Results<Ok<ViolationAnalysisJson>, BadRequest<List<FieldError>>, ContentHttpResult> Answer(ViolationAnalysisOutcome outcome) =>
        outcome.Analysis is { } analysis ? TypedResults.Ok(analysis) : ApiTexts.NotFound(outcome.Problem!);
}
