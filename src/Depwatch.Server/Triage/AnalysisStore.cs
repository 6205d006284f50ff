using Depwatch.Core.Triage;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Triage;

/// <summary>
/// Decisions about findings and their audit trails. A decision is kept by (project, component identity,
/// vulnerability), so it outlives the component's row and the finding's resolution; every change is recorded in
/// the trail with who made it.
/// </summary>
internal sealed partial class AnalysisStore(
    IDbContextFactory<DepwatchDbContext> contexts, NotificationEvents notifications, TimeProvider time, ILogger<AnalysisStore> logger)
{
    private const int CreateAttempts = 3;

    public async Task<AnalysisResult> FindAsync(Guid? projectId, Guid componentId, Guid vulnerabilityId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (outcome, target) = await ResolveAsync(db, projectId, componentId, vulnerabilityId, cancellationToken);
        if (target is null)
        {
            return new AnalysisResult(outcome);
        }
        var entity = await db.FindingAnalyses.AsNoTracking().FirstOrDefaultAsync(Matches(target.ProjectId, target.Identity, vulnerabilityId), cancellationToken);
        return entity is null
            ? new AnalysisResult(AnalysisLookup.NoAnalysis)
            : new AnalysisResult(AnalysisLookup.Found, await ReadRecordAsync(db, entity, cancellationToken));
    }

    /// <param name="everyProject">Also record the decision for the same component identity in every other project that has it.</param>
    public async Task<AnalysisResult> RecordAsync(
        Guid? projectId, Guid componentId, Guid vulnerabilityId, AnalysisChange change, string commenter, bool everyProject,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (outcome, target) = await ResolveAsync(db, projectId, componentId, vulnerabilityId, cancellationToken);
        if (target is null)
        {
            return new AnalysisResult(outcome);
        }
        var projects = everyProject
            ? await db.Components.Where(c => c.Identity == target.Identity).Select(c => c.ProjectId).Distinct().ToListAsync(cancellationToken)
            : [target.ProjectId];
        var note = everyProject ? $"Applied to every project with {target.Identity}" : null;
        FindingAnalysisEntity? recorded = null;
        foreach (var project in projects.OrderBy(p => p != target.ProjectId))
        {
            var entity = await ApplyAsync(project, target.Identity, vulnerabilityId, change, commenter, note, cancellationToken);
            recorded ??= entity;
        }
        LogRecorded(logger, commenter, AnalysisNames.Name(change.State), target.Identity, projects.Count);
        return new AnalysisResult(AnalysisLookup.Found, await ReadRecordAsync(db, recorded!, cancellationToken));
    }

    /// <summary>
    /// Records several decisions by one commenter in one transaction: all of them, or none when it fails. A later
    /// change of the same decision applies on top of an earlier one.
    /// </summary>
    public async Task RecordAllAsync(IReadOnlyList<DecisionChange> changes, string commenter, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow();
            // One query for the projects' decisions, however many changes: the rest is found in memory.
            var projects = changes.Select(c => c.ProjectId).Distinct().ToList();
            await db.FindingAnalyses.Where(a => projects.Contains(a.ProjectId)).LoadAsync(cancellationToken);
            foreach (var change in changes)
            {
                await StageAsync(db, change.ProjectId, change.Identity, change.VulnerabilityId, change.Change, commenter, null, now, cancellationToken,
                    loaded: true);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogRecordedMany(logger, commenter, changes.Count);
                return;
            }
            catch (DbUpdateException) when (attempt < CreateAttempts)
            {
                // Another request created one of the decisions a moment ago: apply the changes on top of it.
            }
        }
    }

    private async Task<FindingAnalysisEntity> ApplyAsync(
        Guid projectId, string identity, Guid vulnerabilityId, AnalysisChange change, string commenter, string? note,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var entity = await StageAsync(db, projectId, identity, vulnerabilityId, change, commenter, note, time.GetUtcNow(), cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return entity;
            }
            catch (DbUpdateException) when (attempt < CreateAttempts)
            {
                // Another request created the decision a moment ago: apply this change on top of it.
            }
        }
    }

    /// <summary>The trails of these decisions, oldest entry first, by decision.</summary>
    public async Task<ILookup<Guid, AnalysisComment>> TrailsAsync(IReadOnlyCollection<Guid> analysisIds, CancellationToken cancellationToken)
    {
        if (analysisIds.Count == 0)
        {
            return Array.Empty<AnalysisComment>().ToLookup(_ => Guid.Empty);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var comments = await db.AnalysisComments.AsNoTracking().Where(c => analysisIds.Contains(c.AnalysisId)).OrderBy(c => c.Id)
            .Select(c => new { c.AnalysisId, Comment = new AnalysisComment(c.Timestamp, c.Commenter, c.Comment) }).ToListAsync(cancellationToken);
        return comments.ToLookup(c => c.AnalysisId, c => c.Comment);
    }

    /// <summary>Applies a change to the decision, creating it if need be, and adds its trail entries; saves nothing.</summary>
    /// <param name="loaded">The context already tracks every decision of the project: none to look up in the database.</param>
    private async Task<FindingAnalysisEntity> StageAsync(
        DepwatchDbContext db, Guid projectId, string identity, Guid vulnerabilityId, AnalysisChange change, string commenter, string? note,
        DateTimeOffset now, CancellationToken cancellationToken, bool loaded = false)
    {
        var entity = db.FindingAnalyses.Local.FirstOrDefault(a => a.ProjectId == projectId && a.ComponentIdentity == identity && a.VulnerabilityId == vulnerabilityId);
        if (entity is null && !loaded)
        {
            entity = await db.FindingAnalyses.FirstOrDefaultAsync(Matches(projectId, identity, vulnerabilityId), cancellationToken);
        }
        if (entity is null)
        {
            entity = new FindingAnalysisEntity { Id = Guid.NewGuid(), ProjectId = projectId, ComponentIdentity = identity, VulnerabilityId = vulnerabilityId };
            db.FindingAnalyses.Add(entity);
        }
        var before = db.Entry(entity).State == EntityState.Added && entity.Updated == default ? FindingAnalysis.None : AnalysisMapping.ToDomain(entity);
        var after = new FindingAnalysis(change.State, change.Justification, change.Response,
            change.Details ?? before.Details, change.Suppressed ?? before.IsSuppressed);
        AnalysisMapping.Apply(entity, after);
        entity.Updated = now;
        await notifications.AuditChangedAsync(db, projectId, identity, vulnerabilityId, before, after, cancellationToken);
        foreach (var comment in AnalysisTrail.Entries(before, after, change.Comment).Append(note).OfType<string>())
        {
            db.AnalysisComments.Add(new AnalysisCommentEntity { AnalysisId = entity.Id, Timestamp = now, Commenter = commenter, Comment = comment });
        }
        return entity;
    }

    private static async Task<(AnalysisLookup Outcome, Target? Target)> ResolveAsync(
        DepwatchDbContext db, Guid? projectId, Guid componentId, Guid vulnerabilityId, CancellationToken cancellationToken)
    {
        if (projectId is { } project && !await db.Projects.AnyAsync(p => p.Id == project, cancellationToken))
        {
            return (AnalysisLookup.ProjectNotFound, null);
        }
        var component = await db.Components.AsNoTracking().Where(c => c.Id == componentId && (projectId == null || c.ProjectId == projectId))
            .Select(c => new Target(c.ProjectId, c.Identity)).FirstOrDefaultAsync(cancellationToken);
        if (component is null)
        {
            return (AnalysisLookup.ComponentNotFound, null);
        }
        if (!await db.Vulnerabilities.AnyAsync(v => v.Id == vulnerabilityId, cancellationToken))
        {
            return (AnalysisLookup.VulnerabilityNotFound, null);
        }
        return (AnalysisLookup.Found, component);
    }

    private static async Task<AnalysisRecord> ReadRecordAsync(DepwatchDbContext db, FindingAnalysisEntity entity, CancellationToken cancellationToken)
    {
        var comments = await db.AnalysisComments.AsNoTracking().Where(c => c.AnalysisId == entity.Id).OrderBy(c => c.Id)
            .Select(c => new AnalysisComment(c.Timestamp, c.Commenter, c.Comment)).ToListAsync(cancellationToken);
        return new AnalysisRecord(AnalysisMapping.ToDomain(entity), comments);
    }

    private static System.Linq.Expressions.Expression<Func<FindingAnalysisEntity, bool>> Matches(Guid projectId, string identity, Guid vulnerabilityId) =>
        a => a.ProjectId == projectId && a.ComponentIdentity == identity && a.VulnerabilityId == vulnerabilityId;

    private sealed record Target(Guid ProjectId, string Identity);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "{Commenter} recorded {Count} decision(s) from a VEX")]
    private static partial void LogRecordedMany(ILogger logger, string commenter, int count);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "{Commenter} set the analysis of {Identity} to {State} in {Projects} project(s)")]
    private static partial void LogRecorded(ILogger logger, string commenter, string state, string identity, int projects);
}
