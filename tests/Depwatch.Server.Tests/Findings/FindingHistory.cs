using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Findings;

/// <summary>A project's stored findings, resolved ones included, with their vulnerability IDs: what the API no longer shows.</summary>
public static class FindingHistory
{
    public static async Task<List<(string VulnId, FindingEntity Finding)>> AllAsync(DepwatchApplication app, Guid projectId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<DepwatchDbContext>>().CreateDbContextAsync();
        var rows = await db.Findings.AsNoTracking().Where(f => f.ProjectId == projectId)
            .Join(db.Vulnerabilities, f => f.VulnerabilityId, v => v.Id, (f, v) => new { v.VulnId, Finding = f })
            .ToListAsync();
        return [.. rows.Select(r => (r.VulnId, r.Finding)).OrderBy(r => r.VulnId, StringComparer.Ordinal)];
    }
}
