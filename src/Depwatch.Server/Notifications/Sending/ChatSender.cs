namespace Depwatch.Server.Notifications.Sending;

/// <summary>Slack, Microsoft Teams and Mattermost: a chat message posted to the rule's incoming-webhook URL.</summary>
internal sealed class ChatSender(NotificationHttp http) : INotificationSender
{
    public bool Sends(string publisherClass) => publisherClass is PublisherClasses.Slack or PublisherClasses.MicrosoftTeams or PublisherClasses.Mattermost;

    public Task SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var message = ChatMessages.Build(notification.PublisherClass, notification.Notification);
        return http.PostJsonAsync(notification.RequiredDestination, message.ToJsonString(), new Dictionary<string, string>(), cancellationToken);
    }
}
