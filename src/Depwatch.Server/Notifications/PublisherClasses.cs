namespace Depwatch.Server.Notifications;

/// <summary>Dependency-Track's publisher class names, which say how a publisher sends; the default publishers use them.</summary>
public static class PublisherClasses
{
    private const string Prefix = "org.dependencytrack.notification.publisher.";
    public const string Webhook = Prefix + "WebhookPublisher";
    public const string Slack = Prefix + "SlackPublisher";
    public const string MicrosoftTeams = Prefix + "MsTeamsPublisher";
    public const string Mattermost = Prefix + "MattermostPublisher";
    public const string Email = Prefix + "SendMailPublisher";

    public static readonly IReadOnlyList<string> All = [Webhook, Slack, MicrosoftTeams, Mattermost, Email];

    public static bool SendsEmail(string publisherClass) => publisherClass == Email;

    /// <summary>The publishers every installation has, with fixed ids so that every instance sharing a database agrees.</summary>
    public static readonly IReadOnlyList<DefaultPublisher> Defaults =
    [
        new(Guid.Parse("5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0001"), "Outbound Webhook", "Publishes notifications as JSON to a configurable URL, signed", Webhook, "application/json"),
        new(Guid.Parse("5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0002"), "Slack", "Publishes notifications to a Slack incoming webhook", Slack, "application/json"),
        new(Guid.Parse("5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0003"), "Microsoft Teams", "Publishes notifications to a Microsoft Teams incoming webhook", MicrosoftTeams, "application/json"),
        new(Guid.Parse("5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0004"), "Mattermost", "Publishes notifications to a Mattermost incoming webhook", Mattermost, "application/json"),
        new(Guid.Parse("5b1b1c9a-6a1e-4c53-9a52-2f4c5d0e0005"), "Email", "Sends notifications by e-mail over SMTP (settings in the email group)", Email, "text/plain"),
    ];
}

public sealed record DefaultPublisher(Guid Id, string Name, string Description, string PublisherClass, string TemplateMimeType);
