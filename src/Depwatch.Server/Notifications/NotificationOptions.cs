using System.ComponentModel.DataAnnotations;

namespace Depwatch.Server.Notifications;

/// <summary>How notifications are delivered. Section <c>Depwatch:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Depwatch:Notifications";

    /// <summary>Whether this instance delivers queued notifications (every instance queues them).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>How long one delivery (HTTP request or SMTP conversation) may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts before a notification is given up (kept, marked FAILED, with its last error).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed attempt; each further one waits twice as long, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often queued notifications are looked for (this instance's own are sent at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an instance holds a notification it is delivering; another instance takes it over after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long delivered notifications are kept before they are deleted.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Send to loopback, private and link-local addresses too (a webhook receiver or mail server on the local network).</summary>
    public bool AllowPrivateAddresses { get; set; }
}
