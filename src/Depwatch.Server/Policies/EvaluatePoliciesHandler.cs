using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Policies;

/// <summary>Runs <c>EVALUATE_POLICIES</c>: one project evaluated again after a policy, condition or assignment changed.</summary>
internal sealed class EvaluatePoliciesHandler(ProjectPolicyEvaluation evaluation) : IJobHandler
{
    public string Kind => JobKinds.EvaluatePolicies;

    public Task RunAsync(JobEntity job, CancellationToken cancellationToken) => evaluation.EvaluateAsync(job.ProjectId, cancellationToken);

    /// <summary>
    /// Queues the evaluation of every project in <paramref name="db"/>'s transaction, so a policy change and the work it
    /// causes commit together; each project runs under its own lease, never beside its own analysis.
    /// </summary>
    public static async Task QueueForPortfolioAsync(DepwatchDbContext db, IJobQueue jobs, CancellationToken cancellationToken)
    {
        // Always a new job: one still queued may be claimed, and read the policies, before this change commits.
        var projects = await db.Projects.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var projectId in projects)
        {
            jobs.Enqueue(db, JobKinds.EvaluatePolicies, projectId, Guid.NewGuid(), null);
        }
    }
}
