using Depwatch.Core.Findings.Json;
using Depwatch.Core.Triage.Vex;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Triage;

/// <summary>What a VEX import changed and what it could not apply.</summary>
internal sealed record VexImportReport(string Document, int Statements, IReadOnlyList<(VexMatch Match, StoredFinding Stored)> Applied, IReadOnlyList<VexMiss> Unmatched);

/// <summary>
/// Imports a CycloneDX VEX into a project: each statement's decision is recorded, through the analysis store and so in
/// the audit trail, on the findings it matches, all in one transaction; what matched nothing is reported.
/// </summary>
internal sealed class VexImporter(IDbContextFactory<DepwatchDbContext> contexts, AnalysisStore store)
{
    public async Task<Guid?> FindProjectAsync(VexUpload upload, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versionKey = upload.ProjectVersion ?? "";
        var projects = upload.ProjectId is { } id
            ? db.Projects.Where(p => p.Id == id)
            : db.Projects.Where(p => p.Name == upload.ProjectName && p.VersionKey == versionKey);
        return await projects.Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <param name="document">How the trail names the VEX.</param>
    public async Task<VexImportReport> ImportAsync(Guid projectId, VexStatements vex, string document, string commenter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var findings = await StoredFindings.ReadOpenAsync(db, projectId, source: null, suppressed: true, cancellationToken);
        var identities = await db.Components.AsNoTracking().Where(c => c.ProjectId == projectId)
            .Select(c => new { c.Id, c.Identity }).ToDictionaryAsync(c => c.Id, c => c.Identity, cancellationToken);
        var stored = new Dictionary<Core.Findings.Finding, StoredFinding>(ReferenceEqualityComparer.Instance);
        findings.ForEach(f => stored[f.Finding] = f.Stored);
        var result = VexFindingMatcher.Match(vex.Statements, [.. findings.Select(f => f.Finding)]);
        var comment = $"Imported from {document}";
        var changes = result.Matches.Select(m => Change(projectId, identities[stored[m.Finding].Component], stored[m.Finding].Vulnerability, m, comment)).ToList();
        if (changes.Count > 0)
        {
            await store.RecordAllAsync(changes, commenter, cancellationToken);
        }
        return new VexImportReport(document, vex.Statements.Count, [.. result.Matches.Select(m => (m, stored[m.Finding]))], result.Misses);
    }

    private static DecisionChange Change(Guid projectId, string identity, Guid vulnerabilityId, VexMatch match, string comment)
    {
        var analysis = match.Statement.Analysis!;
        return new DecisionChange(projectId, identity, vulnerabilityId,
            new AnalysisChange(analysis.State, analysis.Justification, analysis.Response, analysis.Details, comment, analysis.IsSuppressed));
    }
}
