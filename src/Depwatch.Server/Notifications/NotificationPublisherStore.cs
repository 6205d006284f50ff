using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Notifications;

/// <summary>Notification publishers: the defaults every installation has, and those an administrator adds.</summary>
internal sealed class NotificationPublisherStore(IDbContextFactory<DepwatchDbContext> contexts)
{
    public async Task<List<NotificationPublisherJson>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var publishers = await db.NotificationPublishers.AsNoTracking().ToListAsync(cancellationToken);
        return [.. publishers.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(NotificationPublisherJson.From)];
    }

    public async Task<NotificationChange<NotificationPublisherJson>> CreateAsync(NotificationPublisherRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = request.Name!.Trim();
        if (await db.NotificationPublishers.AnyAsync(p => p.Name == name, cancellationToken))
        {
            return NotificationChange<NotificationPublisherJson>.Refused(NotificationChangeStatus.NameTaken);
        }
        var publisher = new NotificationPublisherEntity
        {
            Id = Guid.NewGuid(), Name = name, Description = request.Description, PublisherClass = request.PublisherClass!,
            Template = request.Template, TemplateMimeType = request.TemplateMimeType,
        };
        db.NotificationPublishers.Add(publisher);
        await db.SaveChangesAsync(cancellationToken);
        return NotificationChange<NotificationPublisherJson>.Done(NotificationPublisherJson.From(publisher));
    }

    public async Task<NotificationChange<NotificationPublisherJson>> UpdateAsync(NotificationPublisherRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var publisher = await db.NotificationPublishers.FirstOrDefaultAsync(p => p.Id == request.Uuid, cancellationToken);
        if (publisher is null)
        {
            return NotificationChange<NotificationPublisherJson>.Refused(NotificationChangeStatus.NotFound);
        }
        if (publisher.DefaultPublisher)
        {
            return NotificationChange<NotificationPublisherJson>.Refused(NotificationChangeStatus.Forbidden, NotificationTexts.DefaultPublisherChange);
        }
        var name = request.Name!.Trim();
        if (await db.NotificationPublishers.AnyAsync(p => p.Name == name && p.Id != publisher.Id, cancellationToken))
        {
            return NotificationChange<NotificationPublisherJson>.Refused(NotificationChangeStatus.NameTaken);
        }
        publisher.Name = name;
        publisher.Description = request.Description;
        publisher.PublisherClass = request.PublisherClass!;
        publisher.Template = request.Template;
        publisher.TemplateMimeType = request.TemplateMimeType;
        await db.SaveChangesAsync(cancellationToken);
        return NotificationChange<NotificationPublisherJson>.Done(NotificationPublisherJson.From(publisher));
    }

    /// <summary>Deletes a publisher with the rules that use it, as Dependency-Track does; the defaults stay.</summary>
    public async Task<NotificationChangeStatus> DeleteAsync(Guid publisherId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var publisher = await db.NotificationPublishers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == publisherId, cancellationToken);
        if (publisher is null)
        {
            return NotificationChangeStatus.NotFound;
        }
        if (publisher.DefaultPublisher)
        {
            return NotificationChangeStatus.Forbidden;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.NotificationRules.Where(r => r.PublisherId == publisherId).ExecuteDeleteAsync(cancellationToken);
        await db.NotificationPublishers.Where(p => p.Id == publisherId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return NotificationChangeStatus.Changed;
    }
}
