using System.Data.Common;
using Depwatch.Core.Findings;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Analysis;

/// <summary>
/// Makes a project's stored findings match one analysis, in one transaction: vulnerabilities are created or updated
/// from the analyzer's data, new findings added, vanished ones resolved (never deleted), returning ones reopened.
/// New rows are written in bulk and only changed rows are touched, so 10,000 findings take seconds.
/// </summary>
internal sealed class FindingReconciler(IDbContextFactory<DepwatchDbContext> contexts, NotificationEvents notifications)
{
    // Two projects' analyses may create the same new vulnerability at once; the loser starts over and finds it.
    private const int Attempts = 3;

    // Keeps each IN list well under every database's parameter limit.
    private const int Chunk = 500;

    /// <param name="findings">The analysis's findings; each component key is the stored component's id.</param>
    public async Task ReconcileAsync(Guid projectId, IReadOnlyList<Finding> findings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ReconcileOnceAsync(projectId, findings, now, cancellationToken);
                return;
            }
            catch (DbException) when (attempt < Attempts)
            {
                // Start over with a fresh context: the other analysis's rows are committed now.
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // As above, when the clash shows in EF Core's own save.
            }
        }
    }

    private async Task ReconcileOnceAsync(Guid projectId, IReadOnlyList<Finding> findings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var vulnerabilities = await StoreVulnerabilitiesAsync(db, findings, now, cancellationToken);
        var stored = await db.Findings.AsNoTracking().Where(f => f.ProjectId == projectId)
            .ToDictionaryAsync(f => (f.ComponentId, f.VulnerabilityId), cancellationToken);
        var reported = new HashSet<(Guid, Guid)>();
        var added = new List<FindingEntity>();
        foreach (var finding in findings)
        {
            var key = (Guid.Parse(finding.Component.Key), vulnerabilities[Identity(finding.Vulnerability)].Id);
            if (!reported.Add(key))
            {
                continue;
            }
            if (!stored.TryGetValue(key, out var entity))
            {
                added.Add(New(projectId, key, finding, now));
            }
            else if (Update(entity, finding))
            {
                db.Findings.Update(entity);
            }
        }
        var vanished = stored.Where(s => s.Value.ResolvedOn is null && !reported.Contains(s.Key)).Select(s => s.Value.Id).ToList();
        await BulkInsert.InsertAsync(db, added, cancellationToken);
        await notifications.FindingsAddedAsync(db, projectId, added, vulnerabilities.Values, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var chunk in vanished.Chunk(Chunk))
        {
            await db.Findings.Where(f => chunk.Contains(f.Id)).ExecuteUpdateAsync(f => f.SetProperty(x => x.ResolvedOn, now), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Updates changed vulnerabilities (saved with the findings) and inserts new ones at once.</summary>
    private static async Task<Dictionary<(string, string), VulnerabilityEntity>> StoreVulnerabilitiesAsync(
        DepwatchDbContext db, IReadOnlyList<Finding> findings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reported = Distinct(findings);
        var stored = new Dictionary<(string, string), VulnerabilityEntity>();
        foreach (var chunk in reported.Keys.Select(k => k.VulnId).Distinct().Chunk(Chunk))
        {
            foreach (var entity in await db.Vulnerabilities.AsNoTracking().Where(v => chunk.Contains(v.VulnId)).ToListAsync(cancellationToken))
            {
                stored[(entity.Source, entity.VulnId)] = entity;
            }
        }
        var added = new List<VulnerabilityEntity>();
        foreach (var (identity, vulnerability) in reported)
        {
            if (!stored.TryGetValue(identity, out var entity))
            {
                entity = new VulnerabilityEntity { Id = Guid.NewGuid(), Source = vulnerability.Source, VulnId = vulnerability.VulnId, Created = now };
                VulnerabilityMapping.Apply(vulnerability, entity);
                entity.LastChanged = now;
                added.Add(entity);
                stored[identity] = entity;
            }
            else if (VulnerabilityMapping.Apply(vulnerability, entity))
            {
                entity.LastChanged = now;
                db.Vulnerabilities.Update(entity);
            }
        }
        await BulkInsert.InsertAsync(db, added, cancellationToken);
        return stored;
    }

    // Trivy may rate one identifier from two advisory sources; one record is stored, the most severe.
    private static Dictionary<(string Source, string VulnId), Vulnerability> Distinct(IReadOnlyList<Finding> findings)
    {
        var distinct = new Dictionary<(string, string), Vulnerability>();
        foreach (var vulnerability in findings.Select(f => f.Vulnerability))
        {
            var identity = Identity(vulnerability);
            if (!distinct.TryGetValue(identity, out var kept) || vulnerability.Severity > kept.Severity)
            {
                distinct[identity] = vulnerability;
            }
        }
        return distinct;
    }

    private static (string, string) Identity(Vulnerability vulnerability) => (vulnerability.Source, vulnerability.VulnId);

    /// <summary>Brings a stored finding up to date (reopening it if it was resolved); true when anything changed.</summary>
    private static bool Update(FindingEntity entity, Finding finding)
    {
        var status = FindingStatusNames.Name(finding.Status);
        if (entity.FixedVersion == finding.FixedVersion && entity.Status == status && entity.InstalledVersion == finding.InstalledVersion
            && entity.AnalyzerIdentity == finding.AnalyzerIdentity && entity.ResolvedOn is null)
        {
            return false;
        }
        Copy(finding, entity);
        return true;
    }

    private static void Copy(Finding finding, FindingEntity entity)
    {
        entity.FixedVersion = finding.FixedVersion;
        entity.Status = FindingStatusNames.Name(finding.Status);
        entity.InstalledVersion = finding.InstalledVersion;
        entity.AnalyzerIdentity = finding.AnalyzerIdentity;
        entity.ResolvedOn = null;
    }

    private static FindingEntity New(Guid projectId, (Guid Component, Guid Vulnerability) key, Finding finding, DateTimeOffset now)
    {
        var entity = new FindingEntity
        {
            Id = Guid.NewGuid(),
            ProjectId = projectId,
            ComponentId = key.Component,
            VulnerabilityId = key.Vulnerability,
            AttributedOn = now,
        };
        Copy(finding, entity);
        return entity;
    }
}
