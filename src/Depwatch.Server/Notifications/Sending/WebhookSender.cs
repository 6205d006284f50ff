using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Depwatch.Server.Notifications.Sending;

/// <summary>
/// The generic webhook: Dependency-Track's notification JSON as the body, signed with the rule's secret in
/// <see cref="SignatureHeader"/> (<c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body's bytes).
/// </summary>
internal sealed class WebhookSender(NotificationHttp http) : INotificationSender
{
    public const string SignatureHeader = "X-Depwatch-Signature-256";
    public const string DeliveryHeader = "X-Depwatch-Delivery";

    public bool Sends(string publisherClass) => publisherClass == PublisherClasses.Webhook;

    public Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (notification.Destination.Secret is { } secret)
        {
            headers[SignatureHeader] = Sign(notification.Body, secret);
        }
        if (notification.DeliveryId is { } id)
        {
            headers[DeliveryHeader] = id.ToString(CultureInfo.InvariantCulture);
        }
        return http.PostJsonAsync(notification.RequiredDestination, notification.Body, headers, cancellationToken);
    }

    public static string Sign(string body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
