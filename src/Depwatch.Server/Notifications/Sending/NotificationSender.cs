using Depwatch.Server.Secrets;

namespace Depwatch.Server.Notifications.Sending;

/// <summary>Sends a notification through the publisher kind that a rule uses, with the rule's decrypted settings.</summary>
internal sealed class NotificationSender(IEnumerable<INotificationSender> senders, SecretProtector secrets)
{
    public static string SecretPurpose(Guid ruleId) => $"notification.rule/{ruleId}";

    /// <param name="protectedConfig">The rule's stored (encrypted) publisher settings.</param>
    public Task SendAsync(string publisherClass, Guid ruleId, string? protectedConfig, string body, long? deliveryId, CancellationToken cancellationToken)
    {
        var destination = protectedConfig is null
            ? RuleDestination.None
            : RuleDestination.FromStoredJson(secrets.Unprotect(protectedConfig, SecretPurpose(ruleId)));
        var kind = senders.FirstOrDefault(s => s.Sends(publisherClass))
            ?? throw new NotificationDeliveryException($"Depwatch has no publisher of class {publisherClass}.");
        return kind.SendAsync(new OutgoingNotification(publisherClass, body, destination, deliveryId), cancellationToken);
    }
}
