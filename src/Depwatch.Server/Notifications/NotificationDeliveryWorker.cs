using Depwatch.Server.Jobs;
using Depwatch.Server.Notifications.Sending;
using Depwatch.Server.Observability;
using Depwatch.Server.Secrets;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Notifications;

/// <summary>
/// Delivers the outbox: claims due rows with a lease, sends each through its rule's publisher, and records the outcome.
/// At least once: a row is marked delivered only after the receiver accepted it, so a crash in between sends it again.
/// </summary>
internal sealed partial class NotificationDeliveryWorker(
    NotificationDeliveryStore store, NotificationSender sender, NotificationSignal signal, IOptions<NotificationOptions> options,
    DepwatchTelemetry telemetry, TimeProvider time, ILogger<NotificationDeliveryWorker> logger) : BackgroundService
{
    public const string UnexpectedError = "The notification could not be sent because of an unexpected error (details in the server log).";

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private DateTimeOffset _nextCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.Deliver)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var queued = signal.NextQueued;
            var worked = false;
            try
            {
                worked = await DeliverDueAsync(stoppingToken);
                await CleanUpAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogLookFailed(logger, e);
            }
            if (!worked && !await WaitAsync(queued, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> DeliverDueAsync(CancellationToken stoppingToken)
    {
        var rows = await store.ClaimAsync(_owner, stoppingToken);
        foreach (var row in rows)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                await store.ReleaseAsync(row, _owner);
                continue;
            }
            await DeliverAsync(row, stoppingToken);
        }
        return rows.Count > 0;
    }

    private async Task DeliverAsync(ClaimedNotification row, CancellationToken stoppingToken)
    {
        try
        {
            await sender.SendAsync(row.PublisherClass, row.RuleId, row.PublisherConfig, row.Payload, row.Id, stoppingToken);
            await store.DeliveredAsync(row, _owner, CancellationToken.None);
            telemetry.RecordNotification(row.PublisherClass, "delivered");
            LogDelivered(logger, row.Id, row.RuleId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await store.ReleaseAsync(row, _owner);
        }
        catch (Exception e) when (e is NotificationDeliveryException or SecretUnreadableException)
        {
            var givenUp = await store.FailedAsync(row, _owner, e.Message, CancellationToken.None);
            telemetry.RecordNotification(row.PublisherClass, givenUp ? "given_up" : "retry");
            if (givenUp)
            {
                LogGivenUp(logger, row.Id, row.RuleId, row.Attempts + 1, e.Message);
            }
            else
            {
                LogFailed(logger, row.Id, row.RuleId, row.Attempts + 1, e.Message);
            }
        }
        catch (Exception e)
        {
            // Counted as an attempt, so that a notification that cannot be sent is given up in the end rather than held.
            LogUnexpected(logger, e, row.Id, row.RuleId);
            var givenUp = await store.FailedAsync(row, _owner, UnexpectedError, CancellationToken.None);
            telemetry.RecordNotification(row.PublisherClass, givenUp ? "given_up" : "retry");
        }
    }

    private async Task CleanUpAsync(CancellationToken stoppingToken)
    {
        if (time.GetUtcNow() < _nextCleanup)
        {
            return;
        }
        _nextCleanup = time.GetUtcNow() + TimeSpan.FromHours(1);
        await store.DeleteDeliveredAsync(stoppingToken);
    }

    private async Task<bool> WaitAsync(Task queued, CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(queued, Task.Delay(options.Value.PollInterval, time, waiting.Token));
        await waiting.CancelAsync();
        return !stoppingToken.IsCancellationRequested;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Could not look for notifications to deliver; trying again shortly.")]
    private static partial void LogLookFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Notification {Id} of rule {RuleId} delivered.")]
    private static partial void LogDelivered(ILogger logger, long id, Guid ruleId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Notification {Id} of rule {RuleId} was not delivered (attempt {Attempts}); it is tried again later: {Error}")]
    private static partial void LogFailed(ILogger logger, long id, Guid ruleId, int attempts, string error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Sending notification {Id} of rule {RuleId} failed unexpectedly.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, long id, Guid ruleId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Notification {Id} of rule {RuleId} was not delivered after {Attempts} attempts and is given up: {Error}")]
    private static partial void LogGivenUp(ILogger logger, long id, Guid ruleId, int attempts, string error);
}
