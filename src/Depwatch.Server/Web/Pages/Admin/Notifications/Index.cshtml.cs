using System.Text.Json.Nodes;
using Depwatch.Server.Endpoints;
using Depwatch.Server.Endpoints.Models;
using Depwatch.Server.Notifications;
using Depwatch.Server.Notifications.Sending;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Depwatch.Server.Web.Pages.Admin.Notifications;

/// <summary>Notification rules with their delivery state, a form to add one, and a test button per rule.</summary>
internal sealed class NotificationsModel(NotificationRuleStore rules, NotificationPublisherStore publishers, NotificationSender sender, TimeProvider time)
    : PageModel
{
    public List<NotificationRuleJson> Rules { get; private set; } = [];
    public List<NotificationPublisherJson> Publishers { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public Guid? Publisher { get; set; }
    [BindProperty] public string Scope { get; set; } = NotificationScopes.Portfolio;
    [BindProperty] public string Level { get; set; } = NotificationLevels.Informational;
    [BindProperty] public string? Destination { get; set; }
    [BindProperty] public string? Secret { get; set; }
    [BindProperty] public string? Tags { get; set; }
    [BindProperty] public List<string> Groups { get; set; } = [];

    [TempData] public string? Outcome { get; set; }
    [TempData] public bool OutcomeFailed { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var config = new JsonObject { ["destination"] = Destination, ["secret"] = Secret };
        var request = new NotificationRuleRequest
        {
            Name = Name, Scope = Scope, NotificationLevel = Level, Publisher = new PublisherRef(Publisher), NotifyOn = Groups, Enabled = true,
            PublisherConfig = config.ToJsonString(),
            Tags = [.. (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => new TagJson(t))],
        };
        var errors = NotificationRuleEndpoints.Check(request, creating: true);
        if (errors.Count == 0)
        {
            var change = await rules.CreateAsync(request, ConfigPropertyEndpoints.Caller(User), cancellationToken);
            if (change.Status == NotificationChangeStatus.Changed)
            {
                Outcome = $"Rule {change.Value!.Name} was created.";
                return RedirectToPage();
            }
            errors.Add(new(change.Error ?? NotificationTexts.PublisherNotFound, "", change.Error is null ? "Publisher" : "Destination", null));
        }
        foreach (var error in errors)
        {
            ModelState.AddModelError(FieldOf(error.Path), error.Message);
        }
        Secret = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(Guid rule, CancellationToken cancellationToken)
    {
        var found = await rules.FindAsync(rule, cancellationToken);
        var settings = await rules.SendingSettingsAsync(rule, cancellationToken);
        if (found is null || settings is null)
        {
            return NotFound();
        }
        var test = NotificationTests.For(found, time.GetUtcNow());
        try
        {
            await sender.SendAsync(settings.Value.PublisherClass, rule, settings.Value.ProtectedConfig, test, null, cancellationToken);
            (Outcome, OutcomeFailed) = ($"A test notification was delivered for {found.Name}.", false);
        }
        catch (Exception e) when (e is NotificationDeliveryException or Secrets.SecretUnreadableException)
        {
            (Outcome, OutcomeFailed) = ($"The test notification for {found.Name} could not be delivered: {e.Message}", true);
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid rule, CancellationToken cancellationToken)
    {
        await rules.DeleteAsync(rule, ConfigPropertyEndpoints.Caller(User), cancellationToken);
        return RedirectToPage();
    }

    private static string FieldOf(string path) => path switch
    {
        "name" => nameof(Name),
        "scope" => nameof(Scope),
        "notificationLevel" => nameof(Level),
        "notifyOn" => nameof(Groups),
        "publisher.uuid" or "Publisher" => nameof(Publisher),
        "message" => nameof(Tags),
        _ => nameof(Destination),
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rules = await rules.ListAsync(cancellationToken);
        Publishers = await publishers.ListAsync(cancellationToken);
    }
}
