using Depwatch.Server.Configuration;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Ingest;
using Depwatch.Server.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Data;

/// <summary>What a clone copies besides the project's own fields.</summary>
public sealed record CloneScope(bool Tags, bool Properties, bool Components, bool AuditHistory, bool MakeLatest);

/// <summary>
/// Copies a project under a new version, as Dependency-Track's clone does: its fields, and as asked its tags,
/// properties, components with their findings, and the triage decisions with their trail. Staged on the caller's
/// context, to be saved in the caller's transaction; every row is copied whole, columns added later included.
/// </summary>
public static class ProjectCloner
{
    public static async Task<ProjectEntity> StageAsync(
        DepwatchDbContext db, SecretProtector secrets, ProjectEntity source, string? version, CloneScope scope, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var clone = Copy(db, source, new ProjectEntity { Name = source.Name });
        (clone.Id, clone.Version, clone.VersionKey, clone.IsLatest, clone.Created) = (Guid.NewGuid(), version, version ?? "", scope.MakeLatest, now);
        (clone.LastBomImport, clone.LastBomImportFormat, clone.LastBomSerialNumber, clone.LastBomVersion) = (null, null, null, null);
        (clone.LastAnalysis, clone.LastAnalysisState, clone.LastAnalysisError, clone.LeaseOwner, clone.LeaseExpires) = (null, null, null, null, null);
        if (scope.MakeLatest)
        {
            await db.Projects.Where(p => p.Name == source.Name && p.IsLatest).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsLatest, false), cancellationToken);
        }
        db.Projects.Add(clone);
        if (scope.Tags)
        {
            var tags = await db.ProjectTags.AsNoTracking().Where(t => t.ProjectId == source.Id).Select(t => t.Name).ToListAsync(cancellationToken);
            db.ProjectTags.AddRange(tags.Select(name => new ProjectTagEntity { ProjectId = clone.Id, Name = name }));
        }
        if (scope.Properties)
        {
            await CopyPropertiesAsync(db, secrets, source.Id, clone.Id, cancellationToken);
        }
        if (scope.AuditHistory)
        {
            await CopyDecisionsAsync(db, source.Id, clone.Id, cancellationToken);
        }
        return clone;
    }

    /// <summary>
    /// Inserts copies of the source's components and their findings; call after the clone itself is saved. Returns how
    /// many components were copied.
    /// </summary>
    public static async Task<int> CopyComponentsAsync(DepwatchDbContext db, Guid sourceId, Guid cloneId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var components = await db.Components.AsNoTracking().Where(c => c.ProjectId == sourceId).ToListAsync(cancellationToken);
        var newIds = new Dictionary<Guid, Guid>(components.Count);
        foreach (var component in components)
        {
            newIds[component.Id] = Guid.CreateVersion7(now);
            (component.Id, component.ProjectId) = (newIds[component.Id], cloneId);
        }
        await ComponentInserter.InsertAsync(db, components, cancellationToken);
        var findings = await db.Findings.AsNoTracking().Where(f => f.ProjectId == sourceId).ToListAsync(cancellationToken);
        foreach (var finding in findings)
        {
            (finding.Id, finding.ProjectId, finding.ComponentId) = (Guid.CreateVersion7(now), cloneId, newIds[finding.ComponentId]);
            db.Findings.Add(finding);
        }
        return components.Count;
    }

    private static async Task CopyPropertiesAsync(DepwatchDbContext db, SecretProtector secrets, Guid sourceId, Guid cloneId, CancellationToken cancellationToken)
    {
        var properties = await db.ProjectProperties.AsNoTracking().Where(p => p.ProjectId == sourceId).ToListAsync(cancellationToken);
        foreach (var property in properties)
        {
            // An encrypted value is bound to its project: it is encrypted again for the clone.
            var plain = ProjectProperties.Decrypt(secrets, property);
            property.ProjectId = cloneId;
            property.PropertyValue = property.PropertyType == ConfigPropertyTypes.EncryptedString
                ? ProjectProperties.StoredValue(secrets, property, plain)?.Value
                : plain;
            db.ProjectProperties.Add(property);
        }
    }

    /// <summary>Decisions belong to a component's identity in its project, so they carry over to the clone's copies as they are.</summary>
    private static async Task CopyDecisionsAsync(DepwatchDbContext db, Guid sourceId, Guid cloneId, CancellationToken cancellationToken)
    {
        var analyses = await db.FindingAnalyses.AsNoTracking().Where(a => a.ProjectId == sourceId).ToListAsync(cancellationToken);
        var analysisIds = analyses.Select(a => a.Id).ToList();
        var comments = await db.AnalysisComments.AsNoTracking().Where(c => analysisIds.Contains(c.AnalysisId)).ToListAsync(cancellationToken);
        var newIds = analyses.ToDictionary(a => a.Id, _ => Guid.NewGuid());
        foreach (var analysis in analyses)
        {
            (analysis.Id, analysis.ProjectId) = (newIds[analysis.Id], cloneId);
            db.FindingAnalyses.Add(analysis);
        }
        foreach (var comment in comments)
        {
            (comment.Id, comment.AnalysisId) = (0, newIds[comment.AnalysisId]);
            db.AnalysisComments.Add(comment);
        }
    }

    private static T Copy<T>(DepwatchDbContext db, T source, T target) where T : class
    {
        db.Entry(target).CurrentValues.SetValues(source);
        return target;
    }
}
