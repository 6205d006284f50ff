using Depwatch.Server.Caching;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Keeps each project's findings answer, already serialised, until the data behind it changes: a project with
/// 10,000 findings is otherwise rebuilt (17 MB of JSON) for every pipeline that polls it. The <c>source</c> filter
/// is the client's to choose, so what is kept is bounded whatever it sends: answers by number and bytes, the
/// least recently used dropped first; builds serialised on a fixed set of locks.
/// </summary>
internal sealed class FindingsCache
{
    public const int MaxEntries = 32;

    // Bounds on memory: an answer above the first is served but not kept; past the second, older answers are dropped.
    private const long MaxAnswerBytes = 96L * 1024 * 1024;
    private const long MaxTotalBytes = 192L * 1024 * 1024;
    private const int BuildLocks = 64;

    private readonly BoundedCache<FindingsQuery, FindingsAnswer> _entries = new(MaxEntries, MaxTotalBytes, a => a.Bytes);
    private readonly SemaphoreSlim[] _builders = [.. Enumerable.Range(0, BuildLocks).Select(_ => new SemaphoreSlim(1))];

    /// <summary>Answers kept now.</summary>
    public int Count => _entries.Count;

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
        if (_entries.TryGet(key, out var cached) && cached.Version == version)
        {
            return cached;
        }
        var builder = _builders[(key.GetHashCode() & int.MaxValue) % BuildLocks];
        await builder.WaitAsync(cancellationToken);
        try
        {
            if (_entries.TryGet(key, out cached) && cached.Version == version)
            {
                return cached;
            }
            var built = await build();
            // A source filter that matches nothing is cheap to answer again, and keeping it would let made-up
            // sources push out the answers pipelines poll.
            if (built.Bytes <= MaxAnswerBytes && (key.Source is null || built.Count > 0))
            {
                _entries.Set(key, built);
            }
            return built;
        }
        finally
        {
            builder.Release();
        }
    }
}

/// <summary>Which findings answer: a project's, optionally of one source, with or without the suppressed findings.</summary>
internal sealed record FindingsQuery(Guid Project, string? Source, bool Suppressed);
