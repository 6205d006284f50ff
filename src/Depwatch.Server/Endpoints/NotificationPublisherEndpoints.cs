using Depwatch.Server.Auth;
using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Notifications;
using Depwatch.Server.Notifications.Sending;
using Depwatch.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Depwatch.Server.Endpoints;

/// <summary>Dependency-Track's notification publisher API (<c>/api/v1/notification/publisher</c>), SYSTEM_CONFIGURATION only.</summary>
internal static class NotificationPublisherEndpoints
{
    private const int MaxNameLength = 255;
    private const int MaxTemplateLength = 64 * 1024;

    public static void MapNotificationPublishers(this IEndpointRouteBuilder api)
    {
        var publishers = api.MapGroup("/v1/notification/publisher").RequireAuthorization(Permissions.SystemConfiguration).WithTags("Notifications");
        publishers.MapGet("", GetPublishers).WithName("GetNotificationPublishers").WithSummary("Every notification publisher, the default ones first among equals");
        publishers.MapPut("", CreatePublisher).WithName("CreateNotificationPublisher")
            .WithSummary("Creates a publisher of one of the built-in classes (webhook, Slack, Microsoft Teams, Mattermost, e-mail)")
            .Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        publishers.MapPost("", UpdatePublisher).WithName("UpdateNotificationPublisher").WithSummary("Changes a publisher; the default ones cannot be changed")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain").Produces<string>(StatusCodes.Status409Conflict, "text/plain");
        publishers.MapDelete("/{uuid}", DeletePublisher).WithName("DeleteNotificationPublisher")
            .WithSummary("Deletes a publisher and the rules that use it; the default ones cannot be deleted")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
        publishers.MapPost("/test/smtp", TestSmtp).WithName("TestSmtpPublisher").DisableAntiforgery()
            .WithSummary("Sends a test e-mail to the destination address with the stored SMTP settings (email group)")
            .Accepts<SmtpTestForm>("application/x-www-form-urlencoded");
        publishers.MapPost("/test/{uuid}", TestRule).WithName("TestNotificationRule")
            .WithSummary("Sends a test notification through the rule given by uuid, at once, and answers whether it was delivered")
            .Produces<string>(StatusCodes.Status404NotFound, "text/plain");
    }

    public static async Task<Ok<List<NotificationPublisherJson>>> GetPublishers(NotificationPublisherStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Created<NotificationPublisherJson>, BadRequest<List<FieldError>>, ContentHttpResult>> CreatePublisher(
        NotificationPublisherRequest request, NotificationPublisherStore store, CancellationToken cancellationToken)
    {
        if (Check(request) is { Count: > 0 } errors)
        {
            return TypedResults.BadRequest(errors);
        }
        var change = await store.CreateAsync(request, cancellationToken);
        return change.Status == NotificationChangeStatus.Changed
            ? TypedResults.Created((string?)null, change.Value)
            : ApiTexts.Text(StatusCodes.Status409Conflict, NotificationTexts.PublisherNameTaken);
    }

    public static async Task<Results<Ok<NotificationPublisherJson>, BadRequest<List<FieldError>>, ContentHttpResult>> UpdatePublisher(
        NotificationPublisherRequest request, NotificationPublisherStore store, CancellationToken cancellationToken)
    {
        var errors = Check(request);
        if (request.Uuid is null)
        {
            errors.Add(new FieldError("The publisher's uuid must be given.", "must not be null", "uuid", null));
        }
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }
        var change = await store.UpdateAsync(request, cancellationToken);
        return change.Status switch
        {
            NotificationChangeStatus.Changed => TypedResults.Ok(change.Value),
            NotificationChangeStatus.Forbidden => ApiTexts.Text(StatusCodes.Status400BadRequest, change.Error!),
            NotificationChangeStatus.NameTaken => ApiTexts.Text(StatusCodes.Status409Conflict, NotificationTexts.PublisherNameTaken),
            _ => ApiTexts.NotFound(NotificationTexts.PublisherNotFound),
        };
    }

    public static async Task<Results<NoContent, BadRequest<List<FieldError>>, ContentHttpResult>> DeletePublisher(
        string uuid, NotificationPublisherStore store, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var publisherId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        return await store.DeleteAsync(publisherId, cancellationToken) switch
        {
            NotificationChangeStatus.Changed => TypedResults.NoContent(),
            NotificationChangeStatus.Forbidden => ApiTexts.Text(StatusCodes.Status400BadRequest, NotificationTexts.DefaultPublisherDelete),
            _ => ApiTexts.NotFound(NotificationTexts.PublisherNotFound),
        };
    }

    public static async Task<Results<Ok, BadRequest<List<FieldError>>, ContentHttpResult>> TestSmtp(
        [FromForm] SmtpTestForm form, EmailSender email, CancellationToken cancellationToken)
    {
        IReadOnlyList<MimeKit.MailboxAddress> recipients;
        try
        {
            recipients = RuleDestination.Recipients(form.Destination ?? "");
        }
        catch (FormatException)
        {
            recipients = [];
        }
        if (recipients.Count == 0 || (form.Destination?.Length ?? 0) > RuleDestination.MaxDestinationLength)
        {
            return TypedResults.BadRequest<List<FieldError>>([new("destination must be one or more e-mail addresses", "must be an e-mail address", "destination", form.Destination)]);
        }
        try
        {
            await email.SendAsync(recipients, "Test notification", "This is a test e-mail from Depwatch: the SMTP settings work.", cancellationToken);
            return TypedResults.Ok();
        }
        catch (NotificationDeliveryException e)
        {
            return ApiTexts.Text(StatusCodes.Status400BadRequest, $"The test e-mail could not be sent: {e.Message}");
        }
    }

    public static async Task<Results<Ok, BadRequest<List<FieldError>>, ContentHttpResult>> TestRule(
        string uuid, NotificationRuleStore rules, NotificationSender sender, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!PathUuid.TryParse(uuid, "uuid", out var ruleId, out var errors))
        {
            return TypedResults.BadRequest(errors);
        }
        if (await rules.FindAsync(ruleId, cancellationToken) is not { } rule || await rules.SendingSettingsAsync(ruleId, cancellationToken) is not { } settings)
        {
            return ApiTexts.NotFound(NotificationTexts.RuleNotFound);
        }
        try
        {
            await sender.SendAsync(settings.PublisherClass, ruleId, settings.ProtectedConfig, NotificationTests.For(rule, time.GetUtcNow()), null, cancellationToken);
            return TypedResults.Ok();
        }
        catch (Exception e) when (e is NotificationDeliveryException or Secrets.SecretUnreadableException)
        {
            return ApiTexts.Text(StatusCodes.Status400BadRequest, $"The test notification could not be delivered: {e.Message}");
        }
    }

    private static List<FieldError> Check(NotificationPublisherRequest request)
    {
        List<FieldError> errors = [];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength || request.Name.Any(char.IsControl))
        {
            errors.Add(new FieldError($"name must be 1 to {MaxNameLength} characters without control characters", "size must be between 1 and 255", "name", request.Name));
        }
        if (request.PublisherClass is null || !PublisherClasses.All.Contains(request.PublisherClass))
        {
            errors.Add(new FieldError(NotificationTexts.UnknownPublisherClass + string.Join(", ", PublisherClasses.All), "must be a known publisher class",
                "publisherClass", request.PublisherClass));
        }
        if (request.Template?.Length > MaxTemplateLength || request.Description?.Length > 1024 || request.TemplateMimeType?.Length > 255)
        {
            errors.Add(new FieldError("template, description or templateMimeType is too long", "size too large", "template", null));
        }
        return errors;
    }
}

/// <summary>The SMTP test's form: the address to send the test e-mail to.</summary>
public sealed record SmtpTestForm(string? Destination);
