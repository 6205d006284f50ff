using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Endpoints.Models;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Policies;

/// <summary>Reads open violations in Dependency-Track's shape, and records decisions about them with their trail.</summary>
internal sealed class ViolationStore(IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time)
{
    public static readonly string[] AnalysisStates = ["NOT_SET", "APPROVED", "REJECTED"];

    /// <param name="projectId">One project's, or the portfolio's (active projects) when null.</param>
    /// <param name="suppressed">Include violations a decision suppressed (left out by default, as in Dependency-Track).</param>
    public async Task<(List<ViolationJson> Page, int Total)> ListAsync(
        Guid? projectId, Guid? componentId, bool suppressed, PageRequest page, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.PolicyViolations.AsNoTracking()
            .Where(v => v.ResolvedOn == null && (suppressed || !v.Suppressed))
            .Where(v => projectId == null || v.ProjectId == projectId)
            .Where(v => componentId == null || v.ComponentId == componentId)
            .Join(db.PolicyConditions, v => v.PolicyConditionId, c => c.Id, (v, c) => new { Violation = v, Condition = c })
            .Join(db.Policies, r => r.Condition.PolicyId, p => p.Id, (r, p) => new { r.Violation, r.Condition, Policy = p })
            .Join(db.Components, r => r.Violation.ComponentId, c => c.Id, (r, c) => new { r.Violation, r.Condition, r.Policy, Component = c })
            .Join(db.Projects, r => r.Violation.ProjectId, p => p.Id, (r, p) => new { r.Violation, r.Condition, r.Policy, r.Component, Project = p })
            .Where(r => projectId != null || componentId != null || r.Project.Active);
        var total = await rows.CountAsync(cancellationToken);
        var ordered = rows.OrderByDescending(r => r.Violation.Timestamp).ThenBy(r => r.Violation.Id);
        var found = await page.Apply(ordered).ToListAsync(cancellationToken);
        return ([.. found.Select(r => ViolationJson.From(r.Violation, r.Condition, r.Policy, r.Component, r.Project))], total);
    }

    public async Task<bool> ProjectExistsAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken);
    }

    public async Task<bool> ComponentExistsAsync(Guid componentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Components.AnyAsync(c => c.Id == componentId, cancellationToken);
    }

    public async Task<ViolationAnalysisOutcome> GetAnalysisAsync(Guid componentId, Guid violationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (outcome, violation) = await FindAsync(db, componentId, violationId, cancellationToken);
        return violation is null ? outcome : await AnswerAsync(db, violation, cancellationToken);
    }

    /// <summary>Records a decision; each change, and the comment, is added to the trail with who made it.</summary>
    public async Task<ViolationAnalysisOutcome> RecordAsync(Guid componentId, Guid violationId, string? state, bool? suppressed, string? comment,
        string commenter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (outcome, violation) = await FindAsync(db, componentId, violationId, cancellationToken);
        if (violation is null)
        {
            return outcome;
        }
        var entries = new List<string>();
        if (state is not null && state != violation.AnalysisState)
        {
            entries.Add($"{violation.AnalysisState} → {state}");
            violation.AnalysisState = state;
        }
        if (suppressed is { } suppress && suppress != violation.Suppressed)
        {
            entries.Add(suppress ? "Suppressed" : "Unsuppressed");
            violation.Suppressed = suppress;
        }
        if (!string.IsNullOrWhiteSpace(comment))
        {
            entries.Add(comment.Trim());
        }
        var now = time.GetUtcNow();
        db.ViolationAnalysisComments.AddRange(entries.Select(e => new ViolationAnalysisCommentEntity
        {
            ViolationId = violation.Id, Timestamp = now, Commenter = commenter, Comment = e,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return await AnswerAsync(db, violation, cancellationToken);
    }

    private static async Task<(ViolationAnalysisOutcome Outcome, PolicyViolationEntity? Violation)> FindAsync(
        DepwatchDbContext db, Guid componentId, Guid violationId, CancellationToken cancellationToken)
    {
        if (!await db.Components.AnyAsync(c => c.Id == componentId, cancellationToken))
        {
            return (ViolationAnalysisOutcome.ComponentNotFound, null);
        }
        var violation = await db.PolicyViolations.FirstOrDefaultAsync(v => v.Id == violationId && v.ComponentId == componentId, cancellationToken);
        return violation is null ? (ViolationAnalysisOutcome.ViolationNotFound, null) : (ViolationAnalysisOutcome.ViolationNotFound, violation);
    }

    private static async Task<ViolationAnalysisOutcome> AnswerAsync(DepwatchDbContext db, PolicyViolationEntity violation, CancellationToken cancellationToken)
    {
        var comments = await db.ViolationAnalysisComments.AsNoTracking().Where(c => c.ViolationId == violation.Id)
            .OrderBy(c => c.Timestamp).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return new ViolationAnalysisOutcome(ViolationAnalysisJson.From(violation, comments), null);
    }
}

/// <summary>A violation's analysis, or which of its component and itself was not found.</summary>
internal sealed record ViolationAnalysisOutcome(ViolationAnalysisJson? Analysis, string? Problem)
{
    public static readonly ViolationAnalysisOutcome ComponentNotFound = new(null, "The component could not be found.");
    public static readonly ViolationAnalysisOutcome ViolationNotFound = new(null, "The policy violation could not be found.");
}
