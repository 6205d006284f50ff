using System.Collections.Concurrent;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Keeps each project's findings answer, already serialised, until the data behind it changes: a project with
/// 10,000 findings is otherwise rebuilt (17 MB of JSON) for every pipeline that polls it.
/// </summary>
internal sealed class FindingsCache
{
    private const int MaxEntries = 32;

    // Bounds on memory: an answer above the first is served but not kept; past the second, older answers are dropped.
    private const long MaxAnswerBytes = 96L * 1024 * 1024;
    private const long MaxTotalBytes = 192L * 1024 * 1024;

    private readonly ConcurrentDictionary<FindingsQuery, FindingsAnswer> _entries = new();
    private readonly ConcurrentDictionary<FindingsQuery, SemaphoreSlim> _builders = new();

    /// <summary>
    /// What the answer depends on. Read before the findings, so data that changes in between is stored under the
    /// older version and rebuilt on the next request rather than served stale.
    /// </summary>
    /// <returns>The version, or null when there is no such project.</returns>
    public static async Task<string?> VersionAsync(DepwatchDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        // One round trip: this runs on every findings request, cached or not.
        var state = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new
            {
                p.LastAnalysis,
                p.LastBomImport,
                Open = db.Findings.Count(f => f.ProjectId == projectId && f.ResolvedOn == null),
                VulnerabilitiesChanged = db.Vulnerabilities.Max(v => (DateTimeOffset?)v.LastChanged),
                AnalysesChanged = db.FindingAnalyses.Where(a => a.ProjectId == projectId).Max(a => (DateTimeOffset?)a.Updated),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return state is null
            ? null
            : $"{state.LastAnalysis?.UtcTicks}/{state.LastBomImport?.UtcTicks}/{state.Open}/{state.VulnerabilitiesChanged?.UtcTicks}/{state.AnalysesChanged?.UtcTicks}";
    }

    /// <summary>The cached answer for this version, or the one <paramref name="build"/> makes (once, however many ask at once).</summary>
    public async Task<FindingsAnswer> GetAsync(FindingsQuery key, string version, Func<Task<FindingsAnswer>> build, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var cached) && cached.Version == version)
        {
            return cached;
        }
        var builder = _builders.GetOrAdd(key, _ => new SemaphoreSlim(1));
        await builder.WaitAsync(cancellationToken);
        try
        {
            if (_entries.TryGetValue(key, out cached) && cached.Version == version)
            {
                return cached;
            }
            var built = await build();
            Store(key, built);
            return built;
        }
        finally
        {
            builder.Release();
        }
    }

    private void Store(FindingsQuery key, FindingsAnswer entry)
    {
        if (entry.Bytes > MaxAnswerBytes)
        {
            return;
        }
        var othersBytes = _entries.Where(e => !e.Key.Equals(key)).Sum(e => e.Value.Bytes);
        if ((_entries.Count >= MaxEntries && !_entries.ContainsKey(key)) || othersBytes + entry.Bytes > MaxTotalBytes)
        {
            _entries.Clear();
        }
        _entries[key] = entry;
    }
}

/// <summary>Which findings answer: a project's, optionally of one source, with or without the suppressed findings.</summary>
internal sealed record FindingsQuery(Guid Project, string? Source, bool Suppressed);
