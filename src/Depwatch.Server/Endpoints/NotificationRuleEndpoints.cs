using System.Security.Claims;
using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Notifications;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's notification rule API (<c>/api/v1/notification/rule</c>), SYSTEM_CONFIGURATION only.</summary>
internal static class NotificationRuleEndpoints
{
    private const int MaxNameLength = 255;
    private const int MaxMessageLength = 1024;
    private const int MaxTags = 100;
    private static readonly FieldError s_missingUuid = new("The rule's uuid must be given.", "must not be null", "uuid", null);

    public static void MapNotificationRules(this IEndpointRouteBuilder api)
    {
        var rules = api.MapGroup("/v1/notification/rule").RequireAuthorization(Permissions.SystemConfiguration).WithTags("Notifications");
        rules.MapGet("", GetRules).WithName("GetNotificationRules")
            .WithSummary("Every notification rule with its projects, tags, publisher and delivery state (secrets hidden)");
        rules.MapPut("", CreateRule).WithName("CreateNotificationRule")
            .WithSummary("Creates a rule from name, scope, notificationLevel and publisher.uuid (and optionally the rest)")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        rules.MapPost("", UpdateRule).WithName("UpdateNotificationRule")
            .WithSummary("Changes the rule given by uuid: name, enabled, level, notifyOn, publisherConfig, tags, …; hidden values sent back keep the stored ones")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        rules.MapDelete("", DeleteRule).WithName("DeleteNotificationRule").WithSummary("Deletes the rule given by uuid, with its undelivered notifications")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        rules.MapPost("/{ruleUuid}/project/{projectUuid}", AddProject).WithName("AddProjectToNotificationRule")
            .WithSummary("Limits the rule to the project too (304 when it already is)")
            .Produces(StatusCodes.Status304NotModified).Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        rules.MapDelete("/{ruleUuid}/project/{projectUuid}", RemoveProject).WithName("RemoveProjectFromNotificationRule")
            .WithSummary("Takes the project off the rule (304 when it is not on it)")
            .Produces(StatusCodes.Status304NotModified).Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Ok<List<NotificationRuleJson>>> GetRules(NotificationRuleStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        var rules = await store.ListAsync(cancellationToken);
        response.Headers["X-Total-Count"] = rules.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(rules);
    }

    public static async Task<Results<Created<NotificationRuleJson>, BadRequest<List<FieldError>>, ContentHttpResult>> CreateRule(
        NotificationRuleRequest request, NotificationRuleStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Check(request, creating: true);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var change = await store.CreateAsync(request, Caller(user), cancellationToken);
        return change.Status switch
        {
            NotificationChangeStatus.Changed => TypedResults.Created((string?)null, change.Value),
            NotificationChangeStatus.Invalid => TypedResults.BadRequest<List<FieldError>>([new(change.Error!, "invalid publisherConfig", "publisherConfig", null)]),
            _ => ApiTexts.NotFound(NotificationTexts.PublisherNotFound),
        };
    }

    public static async Task<Results<Ok<NotificationRuleJson>, BadRequest<List<FieldError>>, ContentHttpResult>> UpdateRule(
        NotificationRuleRequest request, NotificationRuleStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = Check(request, creating: false);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var change = await store.UpdateAsync(request, Caller(user), cancellationToken);
        return change.Status switch
        {
            NotificationChangeStatus.Changed => TypedResults.Ok(change.Value),
            NotificationChangeStatus.Invalid => TypedResults.BadRequest<List<FieldError>>([new(change.Error!, "invalid publisherConfig", "publisherConfig", null)]),
            _ => ApiTexts.NotFound(NotificationTexts.RuleNotFound),
        };
    }

    public static async Task<Results<NoContent, BadRequest<List<FieldError>>, ContentHttpResult>> DeleteRule(
        [FromBody] NotificationRuleRef request, NotificationRuleStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Uuid is not { } ruleId)
        {
            return TypedResults.BadRequest<List<FieldError>>([s_missingUuid]);
        }
        return await store.DeleteAsync(ruleId, Caller(user), cancellationToken) ? TypedResults.NoContent() : ApiTexts.NotFound(NotificationTexts.RuleNotFound);
    }

    public static Task<Results<Ok<NotificationRuleJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> AddProject(
        string ruleUuid, string projectUuid, NotificationRuleStore store, CancellationToken cancellationToken) =>
        AssignAsync(ruleUuid, projectUuid, add: true, store, cancellationToken);

    public static Task<Results<Ok<NotificationRuleJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> RemoveProject(
        string ruleUuid, string projectUuid, NotificationRuleStore store, CancellationToken cancellationToken) =>
        AssignAsync(ruleUuid, projectUuid, add: false, store, cancellationToken);

    private static async Task<Results<Ok<NotificationRuleJson>, StatusCodeHttpResult, BadRequest<List<FieldError>>, ContentHttpResult>> AssignAsync(
        string ruleUuid, string projectUuid, bool add, NotificationRuleStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(ruleUuid, "ruleUuid", out var ruleId, out var errors) | !PathUuid.TryParse(projectUuid, "projectUuid", out var projectId, out var more))
        {
            return TypedResults.BadRequest<List<FieldError>>([.. errors, .. more]);
        }
        var change = await store.AssignProjectAsync(ruleId, projectId, add, cancellationToken);
        return change.Status switch
        {
            NotificationChangeStatus.Changed => TypedResults.Ok(change.Value),
            NotificationChangeStatus.Unchanged => TypedResults.StatusCode(StatusCodes.Status304NotModified),
            NotificationChangeStatus.ProjectNotFound => ApiTexts.NotFound(NotificationTexts.ProjectNotFound),
            _ => ApiTexts.NotFound(NotificationTexts.RuleNotFound),
        };
    }

    /// <summary>What is wrong with a request, for the API and the web UI alike.</summary>
    public static List<FieldError> Check(NotificationRuleRequest request, bool creating)
    {
        List<FieldError> errors = [];
        if (!creating && request.Uuid is null)
        {
            errors.Add(s_missingUuid);
        }
        if ((creating || request.Name is not null) && (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength || request.Name.Any(char.IsControl)))
        {
            errors.Add(new FieldError($"name must be 1 to {MaxNameLength} characters without control characters", "size must be between 1 and 255", "name", request.Name));
        }
        if (creating && !NotificationScopes.All.Contains(request.Scope ?? ""))
        {
            errors.Add(new FieldError("scope must be PORTFOLIO or SYSTEM", "must be PORTFOLIO or SYSTEM", "scope", request.Scope));
        }
        if ((creating || request.NotificationLevel is not null) && !NotificationLevels.All.Contains(request.NotificationLevel ?? ""))
        {
            errors.Add(new FieldError("notificationLevel must be INFORMATIONAL, WARNING or ERROR", "must be INFORMATIONAL, WARNING or ERROR",
                "notificationLevel", request.NotificationLevel));
        }
        if (creating && request.Publisher?.Uuid is null)
        {
            errors.Add(new FieldError("publisher.uuid must be given", "must not be null", "publisher.uuid", null));
        }
        foreach (var group in (request.NotifyOn ?? []).Where(g => !NotificationGroups.All.Contains(g)))
        {
            errors.Add(new FieldError($"notifyOn names {group}, which is not a group Depwatch raises: {string.Join(", ", NotificationGroups.All)}",
                "must be a known group", "notifyOn", group));
        }
        if (request.Message?.Length > MaxMessageLength || request.Tags?.Count > MaxTags
            || request.Tags?.Any(t => t.Name?.Length > Data.ProjectTags.MaxNameLength || t.Name?.Any(char.IsControl) == true) == true)
        {
            errors.Add(new FieldError($"message may have {MaxMessageLength} characters and tags {MaxTags} names of at most {Data.ProjectTags.MaxNameLength}",
                "size too large", "message", null));
        }
        return errors;
    }

    private static string Caller(ClaimsPrincipal user) => ConfigPropertyEndpoints.Caller(user);
}
