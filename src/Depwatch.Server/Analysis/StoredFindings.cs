using Depwatch.Core.Findings;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Analysis;

/// <summary>A project's findings read back as domain findings, with the decisions made about them.</summary>
internal static class StoredFindings
{
    /// <param name="suppressed">As in Dependency-Track: include the findings a decision suppressed (left out by default).</param>
    public static async Task<List<(Finding Finding, StoredFinding Stored)>> ReadOpenAsync(
        DepwatchDbContext db, Guid projectId, string? source, bool suppressed, CancellationToken cancellationToken)
    {
        var rows = await db.Findings.AsNoTracking()
            .Where(f => f.ProjectId == projectId && f.ResolvedOn == null)
            .Join(db.Components, f => f.ComponentId, c => c.Id, (f, c) => new { Finding = f, Component = c })
            .Join(db.Vulnerabilities, r => r.Finding.VulnerabilityId, v => v.Id, (r, v) => new { r.Finding, r.Component, Vulnerability = v })
            .LeftJoin(db.FindingAnalyses,
                r => new { r.Finding.ProjectId, r.Component.Identity, r.Finding.VulnerabilityId },
                a => new { a.ProjectId, Identity = a.ComponentIdentity, a.VulnerabilityId },
                (r, a) => new { r.Finding, r.Component, r.Vulnerability, Analysis = a })
            .Where(r => source == null || r.Vulnerability.Source == source)
            .Where(r => suppressed || r.Analysis == null || !r.Analysis.Suppressed)
            .ToListAsync(cancellationToken);
        // Each vulnerability is read once, however many components it affects.
        var vulnerabilities = rows.Select(r => r.Vulnerability).DistinctBy(v => v.Id).ToDictionary(v => v.Id, VulnerabilityMapping.ToDomain);
        return rows
            .Select(r => ToFinding(r.Finding, r.Component, vulnerabilities[r.Vulnerability.Id], r.Analysis))
            .OrderBy(f => f.Stored.AttributedOn)
            .ThenByDescending(f => f.Finding.Vulnerability.Severity)
            .ThenBy(f => f.Finding.Vulnerability.VulnId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Component.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Component.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static (Finding Finding, StoredFinding Stored) ToFinding(
        FindingEntity finding, ComponentEntity component, Vulnerability vulnerability, FindingAnalysisEntity? analysis) => (
        new Finding(ComponentMapping.ToDomain(component), vulnerability, finding.FixedVersion, FindingStatusNames.Parse(finding.Status),
            finding.InstalledVersion, finding.AnalyzerIdentity, analysis is null ? null : AnalysisMapping.ToDomain(analysis)),
        new StoredFinding(finding.ProjectId, component.Id, finding.VulnerabilityId, finding.AttributedOn));
}
