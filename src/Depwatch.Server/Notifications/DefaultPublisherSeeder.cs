using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Notifications;

/// <summary>At start-up, adds the default publishers that are missing (after the database is migrated).</summary>
internal sealed class DefaultPublisherSeeder(IDbContextFactory<DepwatchDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await AddMissingAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance sharing the database added them at the same moment.
            await AddMissingAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AddMissingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.NotificationPublishers.Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var publisher in PublisherClasses.Defaults.Where(d => !existing.Contains(d.Id)))
        {
            db.NotificationPublishers.Add(new NotificationPublisherEntity
            {
                Id = publisher.Id, Name = publisher.Name, Description = publisher.Description, PublisherClass = publisher.PublisherClass,
                TemplateMimeType = publisher.TemplateMimeType, DefaultPublisher = true,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
