using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Policies;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's policy condition API, under <c>/v1/policy</c>; a bad condition gets 400 naming the field.</summary>
internal static class PolicyConditionEndpoints
{
    private const string PolicyUuidNotFound = "The UUID of the policy could not be found.";
    private const string ConditionUuidNotFound = "The UUID of the policy condition could not be found.";

    public static void Map(RouteGroupBuilder policies)
    {
        policies.MapPut("/{uuid}/condition", CreateCondition).WithName("CreatePolicyCondition")
            .WithSummary("Adds a condition to the policy: a subject, an operator the subject takes, and a value")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        policies.MapPost("/condition", UpdateCondition).WithName("UpdatePolicyCondition").WithSummary("Changes the condition the uuid names")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        policies.MapDelete("/condition/{uuid}", DeleteCondition).WithName("DeletePolicyCondition")
            .WithSummary("Deletes a condition and its violations").Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Results<Created<PolicyConditionJson>, BadRequest<List<FieldError>>, ContentHttpResult>> CreateCondition(
        string uuid, PolicyConditionRequest request, PolicyStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var policyId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        if (PolicyRequests.Condition(Guid.NewGuid(), request, errors) is not { } condition)
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.AddConditionAsync(policyId, condition, cancellationToken) is { } created
            ? TypedResults.Created($"/api/v1/policy/{policyId}", created)
            : ApiTexts.NotFound(PolicyUuidNotFound);
    }

    public static async Task<Results<Ok<PolicyConditionJson>, BadRequest<List<FieldError>>, ContentHttpResult>> UpdateCondition(
        PolicyConditionRequest request, PolicyStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(request.Uuid ?? "", "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        if (PolicyRequests.Condition(id, request, errors) is not { } condition)
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.UpdateConditionAsync(condition, cancellationToken) is { } updated
            ? TypedResults.Ok(updated)
            : ApiTexts.NotFound(ConditionUuidNotFound);
    }

    public static async Task<Results<NoContent, BadRequest<List<FieldError>>, ContentHttpResult>> DeleteCondition(
        string uuid, PolicyStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var id, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.DeleteConditionAsync(id, cancellationToken) ? TypedResults.NoContent() : ApiTexts.NotFound(ConditionUuidNotFound);
    }
}
