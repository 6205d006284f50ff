using System.Net.Sockets;
using Depwatch.Server.Data;
using Depwatch.Server.PackageIndexes;
using Depwatch.Server.Secrets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Depwatch.Server.Notifications.Sending;

/// <summary>
/// E-mail over SMTP with the <c>email</c> settings: TLS from the start on port 465, else STARTTLS (required) when
/// <c>smtp.ssltls</c> is on; authentication when a user name is set. The server's address is checked like a webhook's.
/// </summary>
internal sealed class EmailSender(
    IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, IOptions<NotificationOptions> options) : INotificationSender
{
    public bool Sends(string publisherClass) => PublisherClasses.SendsEmail(publisherClass);

    public Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var recipients = RuleDestination.Recipients(notification.RequiredDestination);
        var content = notification.Notification;
        var facts = ChatMessages.Facts(content);
        var body = $"{(string?)content["content"]}\n\n" + string.Concat(facts.Select(f => $"{f.Name}: {f.Value}\n"))
            + $"\nTimestamp: {(string?)content["timestamp"]}\n";
        return SendAsync(recipients, (string?)content["title"] ?? "Depwatch notification", body, cancellationToken);
    }

    /// <summary>Sends one plain-text e-mail; also the SMTP test of the publisher API.</summary>
    public async Task SendAsync(IReadOnlyList<MailboxAddress> recipients, string subject, string body, CancellationToken cancellationToken)
    {
        var settings = await SmtpSettings.LoadAsync(contexts, secrets, cancellationToken);
        if (!settings.Enabled || settings.Host is null || settings.From is null)
        {
            throw new NotificationDeliveryException(
                "E-mail is not set up: smtp.enabled, smtp.server.hostname and smtp.from.address (config property group email) are needed.");
        }
        if (!MailboxAddress.TryParse(settings.From, out var from))
        {
            throw new NotificationDeliveryException($"smtp.from.address '{settings.From}' is not an e-mail address.");
        }
        var message = new MimeMessage { Subject = $"{settings.SubjectPrefix} {subject}".Trim(), Body = new TextPart("plain") { Text = body } };
        message.From.Add(from);
        message.To.AddRange(recipients);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            await DeliverAsync(settings, message, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"the SMTP server {settings.Host} did not answer within {options.Value.Timeout.TotalSeconds:0} seconds", e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
            or SocketException or IOException or HttpRequestException or ServiceNotAuthenticatedException or NotSupportedException)
        {
            // MailKit's messages quote the server's replies, never the password.
            throw new NotificationDeliveryException($"the SMTP server {settings.Host}:{settings.Port} refused or failed: {e.Message}", e);
        }
    }

    private async Task DeliverAsync(SmtpSettings settings, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)options.Value.Timeout.TotalMilliseconds };
        if (settings.TrustCertificate)
        {
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        }
        if (!options.Value.AllowPrivateAddresses)
        {
            await OutboundAddresses.PublicAddressesAsync(settings.Host!, NotificationHttp.AllowPrivateSetting, cancellationToken);
        }
        var security = !settings.Encrypt ? SecureSocketOptions.None : settings.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (settings.Username is not null)
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
