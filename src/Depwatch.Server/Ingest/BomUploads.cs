using System.Security.Claims;
using Depwatch.Core.Sbom;
using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Ingest;

/// <summary>What became of an upload.</summary>
internal abstract record UploadOutcome
{
    public sealed record Accepted(Guid Token) : UploadOutcome;

    public sealed record ProjectNotFound : UploadOutcome;

    public sealed record CreationNotPermitted : UploadOutcome;

    public sealed record ParentNotFound : UploadOutcome;

    public sealed record ParentInactive : UploadOutcome;

    public sealed record InvalidBom(BomFormatException Error) : UploadOutcome;
}

/// <summary>
/// Accepts a BOM upload: finds (or may create) the target project, reads the whole BOM to reject a bad one before
/// anything changes, then stores the project if new and the BOM, compressed, as an ingestion job in one transaction.
/// </summary>
internal sealed class BomUploads(IDbContextFactory<DepwatchDbContext> contexts, IJobQueue queue, TimeProvider time)
{
    // Concurrent uploads may create the same new project, or retag the same project, at once; the losers of the
    // unique index start again from what the winner stored.
    private const int MaxStoreAttempts = 3;

    public async Task<UploadOutcome> AcceptAsync(BomUpload upload, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var projectId = await FindProjectAsync(upload, cancellationToken);
        if (projectId is null && (upload.ProjectId is not null || !upload.AutoCreate))
        {
            return new UploadOutcome.ProjectNotFound();
        }
        if (projectId is null && !MayCreateProjects(principal))
        {
            return new UploadOutcome.CreationNotPermitted();
        }
        Guid? parentId = null;
        if (projectId is null && upload.Parent is { } parentReference)
        {
            var parent = await FindParentAsync(parentReference, cancellationToken);
            if (parent is null)
            {
                return new UploadOutcome.ParentNotFound();
            }
            if (!parent.Value.Active)
            {
                return new UploadOutcome.ParentInactive();
            }
            parentId = parent.Value.Id;
        }
        byte[] payload;
        try
        {
            payload = await upload.Bom.PayloadAsync(cancellationToken);
        }
        catch (BomFormatException e)
        {
            return new UploadOutcome.InvalidBom(e);
        }
        return new UploadOutcome.Accepted(await StoreAsync(upload, payload, projectId, parentId, MayManagePortfolio(principal), cancellationToken));
    }

    // As in Dependency-Track, an upload's tags change an existing project only for PORTFOLIO_MANAGEMENT, and are
    // otherwise ignored without an error, so that pipeline keys with only BOM_UPLOAD keep working.
    private static bool MayManagePortfolio(ClaimsPrincipal principal) =>
        principal.HasClaim(Permissions.ClaimType, Permissions.PortfolioManagement);

    private static bool MayCreateProjects(ClaimsPrincipal principal) =>
        MayManagePortfolio(principal) || principal.HasClaim(Permissions.ClaimType, Permissions.ProjectCreationUpload);

    private async Task<(Guid Id, bool Active)?> FindParentAsync(ParentReference parent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versionKey = parent.Version ?? "";
        var candidates = parent.Id is { } id
            ? db.Projects.Where(p => p.Id == id)
            : db.Projects.Where(p => p.Name == parent.Name && p.VersionKey == versionKey);
        var found = await candidates.Select(p => new { p.Id, p.Active }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Id, found.Active);
    }

    private async Task<Guid?> FindProjectAsync(BomUpload upload, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FindProjectAsync(db, upload, cancellationToken);
    }

    private static Task<Guid?> FindProjectAsync(DepwatchDbContext db, BomUpload upload, CancellationToken cancellationToken)
    {
        var (name, versionKey) = (upload.ProjectName, upload.ProjectVersion ?? "");
        var projects = upload.ProjectId is { } id
            ? db.Projects.Where(p => p.Id == id)
            : db.Projects.Where(p => p.Name == name && p.VersionKey == versionKey);
        return projects.Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<Guid> StoreAsync(
        BomUpload upload, byte[] payload, Guid? projectId, Guid? parentId, bool mayRetag, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var targetId = projectId ?? await FindProjectAsync(db, upload, cancellationToken);
            var creating = targetId is null;
            targetId ??= await AddProjectAsync(db, upload, parentId, cancellationToken);
            if (upload.Tags is { } tags && (creating || mayRetag))
            {
                await ProjectTags.ReplaceAsync(db, targetId.Value, tags, cancellationToken);
            }
            queue.Enqueue(db, JobKinds.IngestBom, targetId.Value, token, payload);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                queue.Committed();
                return token;
            }
            catch (DbUpdateException) when ((creating || upload.Tags is not null) && attempt < MaxStoreAttempts)
            {
                // Another upload created the project or changed its tags first: the next attempt reads what it stored.
            }
        }
    }

    private async Task<Guid> AddProjectAsync(DepwatchDbContext db, BomUpload upload, Guid? parentId, CancellationToken cancellationToken)
    {
        var name = upload.ProjectName!;
        if (upload.IsLatest)
        {
            await db.Projects.Where(p => p.Name == name && p.IsLatest)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsLatest, false), cancellationToken);
        }
        var project = new ProjectEntity
        {
            Id = Guid.NewGuid(),
            Name = name,
            Version = upload.ProjectVersion,
            VersionKey = upload.ProjectVersion ?? "",
            Active = true,
            IsLatest = upload.IsLatest,
            ParentId = parentId,
            Created = time.GetUtcNow(),
        };
        db.Projects.Add(project);
        return project.Id;
    }
}
