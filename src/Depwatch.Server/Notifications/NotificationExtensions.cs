using Depwatch.Server.Jobs;
using Depwatch.Server.Notifications.Sending;

namespace Depwatch.Server.Notifications;

public static class NotificationExtensions
{
    /// <summary>
    /// Notification rules and publishers, the outbox the events are written to, and the worker that delivers it.
    /// Register after the storage, whose schema the default publishers need.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationEvents>();
        services.AddSingleton<NotificationRuleStore>();
        services.AddSingleton<NotificationPublisherStore>();
        services.AddSingleton<NotificationDeliveryStore>();
        services.AddSingleton<NotificationHttp>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<INotificationSender, WebhookSender>();
        services.AddSingleton<INotificationSender, ChatSender>();
        services.AddSingleton<INotificationSender>(provider => provider.GetRequiredService<EmailSender>());
        services.AddSingleton<NotificationSender>();
        services.AddHostedService<DefaultPublisherSeeder>();
        services.AddHostedService<NotificationDeliveryWorker>();
        return services;
    }
}
