using System.Globalization;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Policies;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's policy API: policies, their conditions, and the projects and tags they are assigned to.</summary>
internal static class PolicyEndpoints
{
    private const string PolicyNotFound = "The policy could not be found.";
    private const string TagNotFound = "The tag could not be found.";
    private const string PolicyExists = "A policy with the specified name already exists.";

    public static void MapPolicies(this IEndpointRouteBuilder api)
    {
        var policies = api.MapGroup("/v1/policy").WithTags("Policies").RequireAuthorization(Permissions.PolicyManagement);
        policies.MapGet("", GetPolicies).WithName("GetPolicies").WithSummary("Every policy, paged (X-Total-Count)");
        policies.MapGet("/{uuid}", GetPolicy).WithName("GetPolicy").WithSummary("One policy with its conditions and assignments")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        policies.MapPut("", CreatePolicy).WithName("CreatePolicy")
            .WithSummary("Creates a policy (operator ANY by default, violationState INFO); it applies to the whole portfolio until assigned")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        policies.MapPost("", UpdatePolicy).WithName("UpdatePolicy").WithSummary("Changes the policy the uuid names")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain").Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        policies.MapDelete("/{uuid}", DeletePolicy).WithName("DeletePolicy").WithSummary("Deletes a policy, its conditions and their violations")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        policies.MapPost("/{policyUuid}/project/{projectUuid}", AssignProject).WithName("AddProjectToPolicy")
            .WithSummary("Assigns the policy to a project (304 when it already is)").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        policies.MapDelete("/{policyUuid}/project/{projectUuid}", UnassignProject).WithName("RemoveProjectFromPolicy")
            .WithSummary("Takes a project off the policy (304 when it was not on it)").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        policies.MapPost("/{policyUuid}/tag/{tagName}", AssignTag).WithName("AddTagToPolicy")
            .WithSummary("Assigns the policy to the projects with a tag (304 when it already is)").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        policies.MapDelete("/{policyUuid}/tag/{tagName}", UnassignTag).WithName("RemoveTagFromPolicy")
            .WithSummary("Takes a tag off the policy (304 when it was not on it)").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        PolicyConditionEndpoints.Map(policies);
    }

    public static async Task<Ok<List<PolicyJson>>> GetPolicies(HttpResponse response, HttpRequest request, PolicyStore store, CancellationToken cancellationToken)
    {
        var (page, total) = await store.ListAsync(PageRequest.From(request.Query), cancellationToken);
        response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<PolicyJson>, BadRequest<List<FieldError>>, ContentHttpResult>> GetPolicy(
        string uuid, PolicyStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.GetAsync(id, cancellationToken) is { } policy ? TypedResults.Ok(policy) : ApiTexts.NotFound(PolicyNotFound);
    }

    public static async Task<Results<Created<PolicyJson>, BadRequest<List<FieldError>>, ContentHttpResult>> CreatePolicy(
        PolicyRequest request, PolicyStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        PolicyRequests.CheckName(request.Name, errors);
        var op = PolicyRequests.Operator(request.Operator, errors);
        var state = PolicyRequests.State(request.ViolationState, errors);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var policy = await store.CreateAsync(request.Name!.Trim(), op, state, request.IncludeChildren ?? false,
            request.OnlyLatestProjectVersion ?? false, cancellationToken);
        return policy is null
            ? ApiTexts.Text(StatusCodes.Status409Conflict, PolicyExists)
            : TypedResults.Created($"/api/v1/policy/{policy.Uuid}", policy);
    }

    public static async Task<Results<Ok<PolicyJson>, BadRequest<List<FieldError>>, ContentHttpResult>> UpdatePolicy(
        PolicyRequest request, PolicyStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        PolicyRequests.CheckName(request.Name, errors);
        var op = PolicyRequests.Operator(request.Operator, errors);
        var state = PolicyRequests.State(request.ViolationState, errors);
        if (!PathUuid.TryParse(request.Uuid ?? "", "uuid", out var id, out var invalid))
        {
            errors.AddRange(invalid);
        }
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var outcome = await store.UpdateAsync(id, request.Name!.Trim(), request.Operator is null ? null : op,
            request.ViolationState is null ? null : state, request.IncludeChildren, request.OnlyLatestProjectVersion, cancellationToken);
        return outcome.Policy is { } policy ? TypedResults.Ok(policy)
            : outcome == PolicyOutcome.NameTaken ? ApiTexts.Text(StatusCodes.Status409Conflict, PolicyExists)
            : ApiTexts.NotFound(PolicyNotFound);
    }

    public static async Task<Results<NoContent, BadRequest<List<FieldError>>, ContentHttpResult>> DeletePolicy(
        string uuid, PolicyStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiTexts.NotFound("The UUID of the policy could not be found.");
    }

    public static Task<Results<Ok<PolicyJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> AssignProject(
        string policyUuid, string projectUuid, PolicyStore store, CancellationToken cancellationToken) =>
        ChangeProjectAsync(policyUuid, projectUuid, assign: true, store, cancellationToken);

    public static Task<Results<Ok<PolicyJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> UnassignProject(
        string policyUuid, string projectUuid, PolicyStore store, CancellationToken cancellationToken) =>
        ChangeProjectAsync(policyUuid, projectUuid, assign: false, store, cancellationToken);

    public static Task<Results<Ok<PolicyJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> AssignTag(
        string policyUuid, string tagName, PolicyStore store, CancellationToken cancellationToken) =>
        ChangeTagAsync(policyUuid, tagName, assign: true, store, cancellationToken);

    public static Task<Results<Ok<PolicyJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> UnassignTag(
        string policyUuid, string tagName, PolicyStore store, CancellationToken cancellationToken) =>
        ChangeTagAsync(policyUuid, tagName, assign: false, store, cancellationToken);

    private static async Task<Results<Ok<PolicyJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> ChangeProjectAsync(
        string policyUuid, string projectUuid, bool assign, PolicyStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var policyId = PathUuid.TryParse(policyUuid, "policyUuid", out var p, out var invalid) ? p : Add(errors, invalid);
        var projectId = PathUuid.TryParse(projectUuid, "projectUuid", out var q, out invalid) ? q : Add(errors, invalid);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        return Answer(await store.AssignProjectAsync(policyId, projectId, assign, cancellationToken), ApiTexts.ProjectNotFound);
    }

    private static async Task<Results<Ok<PolicyJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> ChangeTagAsync(
        string policyUuid, string tagName, bool assign, PolicyStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(policyUuid, "policyUuid", out var policyId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return Answer(await store.AssignTagAsync(policyId, tagName, assign, cancellationToken), TagNotFound);
    }

    private static Results<Ok<PolicyJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult> Answer(PolicyOutcome outcome, string targetNotFound) =>
        outcome.Policy is { } policy ? TypedResults.Ok(policy)
        : outcome == PolicyOutcome.Unchanged ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
        : outcome == PolicyOutcome.TargetNotFound ? ApiTexts.NotFound(targetNotFound)
        : ApiTexts.NotFound(PolicyNotFound);

    private static Guid Add(List<FieldError> errors, List<FieldError> invalid)
    {
        errors.AddRange(invalid);
        return Guid.Empty;
    }
}
