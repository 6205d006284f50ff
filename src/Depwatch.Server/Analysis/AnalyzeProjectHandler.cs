using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Ingest;
using Depwatch.Server.Jobs;
using Depwatch.Server.Notifications;
using Depwatch.Server.Observability;
using Depwatch.Server.PackageIndexes;
using Depwatch.Server.Policies;
using Depwatch.Trivy;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Analysis;

/// <summary>
/// Runs <c>ANALYZE_PROJECT</c>: the project's components go to Trivy and its findings are made to match the answer.
/// When Trivy fails, the project shows why, its findings stay as they were, and the job is tried again later.
/// </summary>
internal sealed partial class AnalyzeProjectHandler(
    IDbContextFactory<DepwatchDbContext> contexts, ITrivyConfiguration trivy, TrivyAnalyzerProvider analyzers,
    FindingReconciler reconciler, MetricsCalculator metrics, MetricsHistory history, PackageIndexStore packageIndexes,
    ProjectPolicyEvaluation policies, BomMemoryBudget budget, NotificationEvents notifications, DepwatchTelemetry telemetry,
    TimeProvider time, ILogger<AnalyzeProjectHandler> logger) : IJobHandler
{
    public const string DisabledReason = "Trivy analyzer is disabled";
    public const string InterruptedReason = "The analysis was interrupted by a shutdown; it runs again.";
    public const string StoreFailedReason = "The analysis results could not be stored; the analysis is tried again (details in the server log).";

    public string Kind => JobKinds.AnalyzeProject;

    public async Task RunAsync(JobEntity job, CancellationToken cancellationToken)
    {
        var options = await trivy.GetOptionsAsync(cancellationToken);
        if (options is null)
        {
            await RecordOutcomeAsync(job.ProjectId, AnalysisStates.Skipped, DisabledReason, cancellationToken);
            LogSkipped(logger, job.ProjectId);
        }
        else
        {
            // Given back once the inventory and the results are no longer held by anything (AnalyzeAsync has returned).
            using (await budget.EnterAsync(BomMemoryBudget.ForAnalysis(await CountComponentsAsync(job.ProjectId, cancellationToken)), cancellationToken))
            {
                await AnalyzeAsync(job, options, cancellationToken);
            }
        }
        // After every analysis that did not fail, and after every upload even when Trivy is off (license policies).
        await policies.EvaluateAsync(job.ProjectId, cancellationToken);
    }

    private async Task AnalyzeAsync(JobEntity job, TrivyOptions options, CancellationToken cancellationToken)
    {
        var run = await StartRunAsync(job.ProjectId, cancellationToken);
        if (run is null)
        {
            return;
        }
        List<Component> components;
        using (telemetry.AnalysisPhase("load"))
        {
            components = await LoadComponentsAsync(job.ProjectId, cancellationToken);
        }
        try
        {
            var request = new AnalysisRequest(components, run.ProjectName) { PackageIndexes = packageIndexes };
            AnalysisResult result;
            using (telemetry.AnalysisPhase("trivy"))
            {
                result = await analyzers.Get(options).AnalyzeAsync(request, cancellationToken: cancellationToken);
            }
            // Releases whose packages lacked a source get their index fetched; the project is analysed again when it arrives.
            packageIndexes.Want(result.SourceResolutions);
            using (telemetry.AnalysisPhase("store"))
            {
                await reconciler.ReconcileAsync(job.ProjectId, result.Findings, time.GetUtcNow(), cancellationToken);
                await FinishRunAsync(run.Id, job.ProjectId, AnalysisStates.Succeeded, null, components.Count, cancellationToken);
            }
            LogSucceeded(logger, job.ProjectId, components.Count, result.Findings.Count);
        }
        catch (Exception e) when (e is AnalyzerException or ArgumentException)
        {
            await FinishRunAsync(run.Id, job.ProjectId, AnalysisStates.Failed, e.Message, components.Count, cancellationToken);
            await notifications.AnalyzerFailedAsync(job.ProjectId, e.Message, cancellationToken);
            LogFailed(logger, job.ProjectId, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the job is queued again and resumes on this or another instance.
            await FinishRunAsync(run.Id, job.ProjectId, AnalysisStates.Failed, InterruptedReason, components.Count, CancellationToken.None, JobStates.Queued);
            throw;
        }
        catch (Exception e)
        {
            // The details (SQL, connection strings) belong in the log, not in what API users read.
            LogStoreFailed(logger, e, job.ProjectId);
            await FinishRunAsync(run.Id, job.ProjectId, AnalysisStates.Failed, StoreFailedReason, components.Count, CancellationToken.None);
            throw;
        }
    }

    private async Task<StartedRun?> StartRunAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var run = new AnalysisRunEntity { ProjectId = projectId, Started = time.GetUtcNow(), State = AnalysisStates.Running };
        db.AnalysisRuns.Add(run);
        project.LastAnalysisState = AnalysisStates.Running;
        await db.SaveChangesAsync(cancellationToken);
        return new StartedRun(run.Id, project.Version is null ? project.Name : $"{project.Name}@{project.Version}");
    }

    private async Task<int> CountComponentsAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Components.CountAsync(c => c.ProjectId == projectId, cancellationToken);
    }

    private async Task<List<Component>> LoadComponentsAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Components.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync(cancellationToken);
        return [.. entities.Select(ComponentMapping.ToDomain)];
    }

    /// <param name="projectState">What the project shows, when not the run's state (e.g. queued again).</param>
    private async Task FinishRunAsync(long runId, Guid projectId, string state, string? error, int components, CancellationToken cancellationToken,
        string? projectState = null)
    {
        var counts = state == AnalysisStates.Succeeded ? await metrics.ForProjectAsync(projectId, cancellationToken) : FindingMetrics.None;
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AnalysisRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Finished, now).SetProperty(x => x.State, state).SetProperty(x => x.Error, error)
            .SetProperty(x => x.Components, components)
            .SetProperty(x => x.Critical, counts.Critical).SetProperty(x => x.High, counts.High)
            .SetProperty(x => x.Medium, counts.Medium).SetProperty(x => x.Low, counts.Low)
            .SetProperty(x => x.Unassigned, counts.Unassigned).SetProperty(x => x.Suppressed, counts.Suppressed), cancellationToken);
        if (state == AnalysisStates.Succeeded)
        {
            await history.RecordProjectAsync(projectId, counts, cancellationToken);
        }
        await RecordOutcomeAsync(projectId, projectState ?? state, error, cancellationToken);
    }

    private async Task RecordOutcomeAsync(Guid projectId, string state, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var projects = db.Projects.Where(p => p.Id == projectId);
        if (state == AnalysisStates.Succeeded)
        {
            await projects.ExecuteUpdateAsync(p => p
                .SetProperty(x => x.LastAnalysisState, state).SetProperty(x => x.LastAnalysisError, (string?)null)
                .SetProperty(x => x.LastAnalysis, now), cancellationToken);
            return;
        }
        await projects.ExecuteUpdateAsync(p => p
            .SetProperty(x => x.LastAnalysisState, state).SetProperty(x => x.LastAnalysisError, error), cancellationToken);
    }

    private sealed record StartedRun(long Id, string ProjectName);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Analysed project {ProjectId}: {Components} components, {Findings} findings.")]
    private static partial void LogSucceeded(ILogger logger, Guid projectId, int components, int findings);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Analysis of project {ProjectId} failed and will be retried: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid projectId, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Storing the analysis of project {ProjectId} failed; it will be retried.")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, Guid projectId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Skipped the analysis of project {ProjectId}: the Trivy analyzer is disabled.")]
    private static partial void LogSkipped(ILogger logger, Guid projectId);
}
