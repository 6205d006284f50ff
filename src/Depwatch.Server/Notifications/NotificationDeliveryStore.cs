using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Notifications;

/// <summary>
/// The delivery worker's side of the outbox: claiming a row with a lease (a conditional single-row update, so two
/// instances never deliver one row at once) and recording each attempt on the row and on its rule.
/// </summary>
internal sealed class NotificationDeliveryStore(IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, IOptions<NotificationOptions> options)
{
    private const int CandidatesPerClaim = 16;
    private const int MaxErrorLength = 2000;

    /// <summary>Claims up to a handful of due rows; each one returned is leased to <paramref name="owner"/>.</summary>
    public async Task<List<ClaimedNotification>> ClaimAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var expires = now + options.Value.Lease;
        var candidates = await Due(db, now).OrderBy(r => r.Id).Select(r => r.Id).Take(CandidatesPerClaim).ToListAsync(cancellationToken);
        var claimed = new List<ClaimedNotification>();
        foreach (var id in candidates)
        {
            var won = await Due(db, now).Where(r => r.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseExpires, expires), cancellationToken);
            if (won == 0)
            {
                continue;
            }
            var row = await (from r in db.NotificationOutbox.AsNoTracking()
                             join rule in db.NotificationRules.AsNoTracking() on r.RuleId equals rule.Id
                             join publisher in db.NotificationPublishers.AsNoTracking() on rule.PublisherId equals publisher.Id
                             where r.Id == id
                             select new ClaimedNotification(r.Id, r.RuleId, r.Payload, r.Attempts, publisher.PublisherClass, rule.PublisherConfig))
                .FirstOrDefaultAsync(cancellationToken);
            if (row is not null)
            {
                claimed.Add(row);
            }
        }
        return claimed;
    }

    public async Task DeliveredAsync(ClaimedNotification row, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Held(db, row, owner).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, NotificationDeliveryStates.Delivered)
            .SetProperty(r => r.Attempts, r => r.Attempts + 1)
            .SetProperty(r => r.Delivered, now)
            .SetProperty(r => r.LastAttempt, now)
            .SetProperty(r => r.LastError, (string?)null)
            .SetProperty(r => r.LeaseOwner, (string?)null)
            .SetProperty(r => r.LeaseExpires, (DateTimeOffset?)null), cancellationToken);
        await db.NotificationRules.Where(r => r.Id == row.RuleId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LastAttempt, now).SetProperty(r => r.LastDelivery, now).SetProperty(r => r.LastError, (string?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt: tried again after a capped exponential backoff, or given up after <see cref="NotificationOptions.MaxAttempts"/>.</summary>
    /// <returns>Whether it was given up.</returns>
    public async Task<bool> FailedAsync(ClaimedNotification row, string owner, string error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempts = row.Attempts + 1;
        var givenUp = attempts >= options.Value.MaxAttempts;
        var notBefore = now + JobStore.RetryDelay(attempts, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay);
        var lastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Held(db, row, owner).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, givenUp ? NotificationDeliveryStates.Failed : NotificationDeliveryStates.Pending)
            .SetProperty(r => r.Attempts, attempts)
            .SetProperty(r => r.NotBefore, notBefore)
            .SetProperty(r => r.LastAttempt, now)
            .SetProperty(r => r.LastError, lastError)
            .SetProperty(r => r.LeaseOwner, (string?)null)
            .SetProperty(r => r.LeaseExpires, (DateTimeOffset?)null), cancellationToken);
        await db.NotificationRules.Where(r => r.Id == row.RuleId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LastAttempt, now).SetProperty(r => r.LastError, lastError), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return givenUp;
    }

    /// <summary>Lets another loop or instance take the row at once (this instance is stopping).</summary>
    public async Task ReleaseAsync(ClaimedNotification row, string owner)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await Held(db, row, owner).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpires, (DateTimeOffset?)null));
    }

    /// <summary>Deletes delivered rows older than <see cref="NotificationOptions.DeliveredRetention"/>.</summary>
    public async Task<int> DeleteDeliveredAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.DeliveredRetention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.NotificationOutbox.Where(r => r.State == NotificationDeliveryStates.Delivered && r.Delivered < before).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<NotificationOutboxEntity> Due(DepwatchDbContext db, DateTimeOffset now) =>
        db.NotificationOutbox.Where(r => r.State == NotificationDeliveryStates.Pending && r.NotBefore <= now && (r.LeaseExpires == null || r.LeaseExpires < now));

    private static IQueryable<NotificationOutboxEntity> Held(DepwatchDbContext db, ClaimedNotification row, string owner) =>
        db.NotificationOutbox.Where(r => r.Id == row.Id && r.State == NotificationDeliveryStates.Pending && r.LeaseOwner == owner);
}

/// <param name="PublisherConfig">The rule's encrypted publisher settings.</param>
internal sealed record ClaimedNotification(long Id, Guid RuleId, string Payload, int Attempts, string PublisherClass, string? PublisherConfig);
