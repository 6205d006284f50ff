using System.Diagnostics;
using Depwatch.Core.Sbom;
using Depwatch.Core.Triage.Vex;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Depwatch.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Ingest;

/// <summary>
/// Replaces a project's inventory with an uploaded BOM's components, in one transaction that also queues the
/// project's analysis under the upload's token. Components are matched by identity (<see cref="ComponentIdentities"/>):
/// unchanged ones keep their id and so their findings; vanished ones are deleted with their findings.
/// </summary>
internal sealed partial class IngestBomHandler(
    IDbContextFactory<DepwatchDbContext> contexts, IJobQueue queue, BomMemoryBudget budget, NotificationEvents notifications, TimeProvider time,
    ILogger<IngestBomHandler> logger)
    : IJobHandler
{
    public const string StoreFailedReason =
        "The uploaded BOM could not be stored, and was given up after several attempts; the project keeps its previous inventory (details in the server log).";

    public string Kind => JobKinds.IngestBom;

    public async Task RunAsync(JobEntity job, CancellationToken cancellationToken)
    {
        var payload = await queue.PayloadAsync(job, cancellationToken) ?? [];
        // Given back once the document and its rows are no longer held by anything (IngestAsync has returned).
        using (await budget.EnterAsync(BomMemoryBudget.ForIngest(BomPayload.DocumentLength(payload)), cancellationToken))
        {
            await IngestAsync(job, payload, cancellationToken);
        }
    }

    private async Task IngestAsync(JobEntity job, byte[] payload, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var bom = await ReadAsync(payload, cancellationToken);
        var counts = await ReplaceInventoryAsync(job, bom, cancellationToken);
        LogIngested(logger, job.ProjectId, bom.Components.Count, counts.Added, counts.Updated, counts.Removed, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>The project shows why its upload was not ingested; its inventory stays as it was.</summary>
    public async Task FailedForGoodAsync(JobEntity job, Exception failure, CancellationToken cancellationToken)
    {
        // The details of other failures (SQL, the database's own words) belong in the log, not in what API users read.
        var error = failure is PermanentJobFailure ? failure.Message : StoreFailedReason;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Projects.Where(p => p.Id == job.ProjectId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.LastAnalysisState, AnalysisStates.Failed)
            .SetProperty(p => p.LastAnalysisError, error), cancellationToken);
        await notifications.BomFailedAsync(db, job.ProjectId, job.Token, error, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Bom> ReadAsync(byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            await using var document = BomPayload.Open(payload);
            return await CycloneDxReader.ReadAsync(document, cancellationToken);
        }
        catch (BomFormatException e)
        {
            // Uploads are read before they are accepted, so this is rare (e.g. a reader made stricter since).
            throw new PermanentJobFailure($"The uploaded BOM could not be read: {e.Message}", e);
        }
    }

    private async Task<(int Added, int Updated, int Removed)> ReplaceInventoryAsync(JobEntity job, Bom bom, CancellationToken cancellationToken)
    {
        var identities = ComponentIdentities.Assign(bom.Components);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Projects.AnyAsync(p => p.Id == job.ProjectId, cancellationToken))
        {
            throw new PermanentJobFailure($"Project {job.ProjectId} was deleted before its BOM was ingested.");
        }
        var stored = await db.Components.AsNoTracking().Where(c => c.ProjectId == job.ProjectId)
            .ToDictionaryAsync(c => c.Identity, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow();
        var added = new List<ComponentEntity>();
        var updated = 0;
        for (var index = 0; index < bom.Components.Count; index++)
        {
            var read = ComponentRows.ToRow(bom.Components[index], identities[index], job.ProjectId);
            if (stored.Remove(identities[index], out var existing))
            {
                if (!ComponentRows.HasSameContent(existing, read))
                {
                    ComponentRows.CopyContent(read, existing);
                    db.Components.Update(existing);
                    updated++;
                }
                continue;
            }
            read.Id = Guid.CreateVersion7(now);
            read.Created = now;
            added.Add(read);
        }
        // What is left of the stored inventory vanished from the BOM; its findings go with it (cascade).
        var vanished = stored.Values.Select(c => c.Id).ToList();
        if (vanished.Count > 0)
        {
            await db.Components.Where(c => c.ProjectId == job.ProjectId && vanished.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        }
        await ComponentInserter.InsertAsync(db, added, cancellationToken);
        // As in Dependency-Track, the BOM's metadata.component describes the project (its name and version stay).
        var described = bom.MetadataComponent;
        var classifier = described is null ? null : ComponentRows.TypeName(described.Type);
        var purl = described is null ? null : ComponentRows.StoredPurl(described);
        var serialNumber = BomLinks.SerialNumberOf(bom.SerialNumber);
        var metadata = BomDescription.MetadataOf(bom);
        await db.Projects.Where(p => p.Id == job.ProjectId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Classifier, p => classifier ?? p.Classifier)
            .SetProperty(p => p.Purl, p => purl ?? p.Purl)
            .SetProperty(p => p.Metadata, metadata)
            .SetProperty(p => p.LastBomImport, now)
            .SetProperty(p => p.LastBomImportFormat, $"CycloneDX {bom.SpecVersion}")
            .SetProperty(p => p.LastBomSerialNumber, serialNumber)
            .SetProperty(p => p.LastBomVersion, bom.Version ?? 1)
            .SetProperty(p => p.LastAnalysisState, JobStates.Queued)
            .SetProperty(p => p.LastAnalysisError, (string?)null), cancellationToken);
        if (BomDescription.Of(bom) is { } description)
        {
            await BomDescription.ApplyAsync(db, job.ProjectId, description, cancellationToken);
        }
        // Same token, same transaction: the token never reads "not processing" between ingestion and analysis.
        queue.Enqueue(db, JobKinds.AnalyzeProject, job.ProjectId, job.Token, payload: null);
        await queue.CompleteAsync(db, job, cancellationToken);
        await notifications.BomIngestedAsync(db, job.ProjectId, job.Token, bom.SpecVersion, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        queue.Committed();
        return (added.Count, updated, vanished.Count);
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Information,
        Message = "Ingested a BOM of {Components} components into project {ProjectId}: {Added} added, {Updated} updated, {Removed} removed, in {ElapsedMs} ms.")]
    private static partial void LogIngested(ILogger logger, Guid projectId, int components, int added, int updated, int removed, long elapsedMs);
}
