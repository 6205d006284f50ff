using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Analysis;

/// <summary>
/// "Analyze now", from the API and the project page: queues an analysis of the project, unless one is waiting
/// already; then that one is brought forward to run now and its token returned, so that repeated clicks and
/// impatient scripts queue one analysis, not one each.
/// </summary>
internal sealed class AnalysisRequests(IDbContextFactory<DepwatchDbContext> contexts, IJobQueue queue, TimeProvider time)
{
    /// <returns>The token to follow, or null when there is no such project.</returns>
    public async Task<Guid?> RequestAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Shown as queued at once. Writing the project's row first also makes requests for one project take turns
        // here (its row lock; SQLite's one writer), so two at once cannot both find nothing waiting and both queue.
        var updated = await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.LastAnalysisState, JobStates.Queued)
            .SetProperty(p => p.LastAnalysisError, (string?)null), cancellationToken);
        if (updated == 0)
        {
            return null;
        }
        var waiting = await db.Jobs.AsNoTracking()
            .Where(j => j.ProjectId == projectId && j.Kind == JobKinds.AnalyzeProject && j.State == JobStates.Queued)
            .OrderBy(j => j.Id)
            .Select(j => new { j.Id, j.Token })
            .FirstOrDefaultAsync(cancellationToken);
        var token = waiting?.Token ?? Guid.NewGuid();
        if (waiting is not null)
        {
            var now = time.GetUtcNow();
            await db.Jobs.Where(j => j.Id == waiting.Id && j.State == JobStates.Queued && j.NotBefore > now)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.NotBefore, now), cancellationToken);
        }
        else
        {
            queue.Enqueue(db, JobKinds.AnalyzeProject, projectId, token, payload: null);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        queue.Committed();
        return token;
    }
}
