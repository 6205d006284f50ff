using System.Text.Json.Nodes;

namespace Depwatch.Server.Notifications.Sending;

/// <summary>Sends one notification the way one kind of publisher does.</summary>
internal interface INotificationSender
{
    bool Sends(string publisherClass);

    /// <exception cref="NotificationDeliveryException">It was not delivered; the message names why, without credentials.</exception>
    Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken);
}

/// <param name="Body">The notification in Dependency-Track's webhook JSON, exactly as stored.</param>
/// <param name="DeliveryId">The outbox row, sent to webhooks so that a receiver can tell a repeated delivery; null for tests.</param>
internal sealed record OutgoingNotification(string PublisherClass, string Body, RuleDestination Destination, long? DeliveryId)
{
    /// <summary>The <c>notification</c> object of <see cref="Body"/>.</summary>
    public JsonObject Notification => JsonNode.Parse(Body)!["notification"]!.AsObject();

    public string RequiredDestination =>
        Destination.Destination ?? throw new NotificationDeliveryException("The rule has no destination (publisherConfig.destination).");
}

/// <summary>A notification that was not delivered, with a reason that is safe to store and show.</summary>
internal sealed class NotificationDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
