using System.Collections.Concurrent;
using Depwatch.Core.Analysis;
using Depwatch.Core.PackageIndexes;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// The package indexes this server holds, one per release, read by every analysis; the releases analyses asked for,
/// which <see cref="PackageIndexRefresher"/> fetches and keeps fresh; and how each fetch went.
/// </summary>
internal sealed class PackageIndexStore : IPackageIndexes
{
    private readonly ConcurrentDictionary<DistributionRelease, SourceIndex> _indexes = new();
    private readonly ConcurrentDictionary<DistributionRelease, IReadOnlyList<string>> _problems = new();
    private readonly Dictionary<DistributionRelease, HashSet<string>> _wanted = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private bool _wantedChanged;

    public SourceIndex? For(DistributionRelease release) => _indexes.GetValueOrDefault(release);

    /// <summary>Asks for the indexes of the releases whose packages lacked a source; wakes the refresher for new ones.</summary>
    public void Want(IEnumerable<SourceResolution> resolutions) =>
        Want(resolutions.Select(r => (r.Release, r.Architectures)));

    public void Want(IEnumerable<(DistributionRelease Release, IReadOnlyList<string> Architectures)> releases)
    {
        var added = false;
        lock (_lock)
        {
            foreach (var (release, wantedArchitectures) in releases)
            {
                if (!_wanted.TryGetValue(release, out var architectures))
                {
                    _wanted[release] = architectures = new HashSet<string>(StringComparer.Ordinal);
                    added = true;
                }
                foreach (var architecture in wantedArchitectures.DefaultIfEmpty(null))
                {
                    added |= architectures.Add(MirrorLayout.IndexArchitecture(release.Family, architecture));
                }
            }
            _wantedChanged |= added;
        }
        if (added)
        {
            _wake.Release();
        }
    }

    /// <summary>The releases wanted and their architectures; <paramref name="changed"/> tells whether that changed since last asked.</summary>
    public Dictionary<DistributionRelease, HashSet<string>> Wanted(out bool changed)
    {
        lock (_lock)
        {
            changed = _wantedChanged;
            _wantedChanged = false;
            return _wanted.ToDictionary(w => w.Key, w => w.Value.ToHashSet(StringComparer.Ordinal));
        }
    }

    /// <summary>Waits until a new release is wanted or <paramref name="timeout"/> passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <returns>The index it replaces, if any.</returns>
    public SourceIndex? Publish(DistributionRelease release, SourceIndex? index)
    {
        var previous = For(release);
        if (index is null)
        {
            _indexes.TryRemove(release, out _);
        }
        else
        {
            _indexes[release] = index;
        }
        return previous;
    }

    /// <summary>What went wrong in the last fetch of the release's indexes, empty when nothing did.</summary>
    public IReadOnlyList<string> ProblemsOf(DistributionRelease release) => _problems.GetValueOrDefault(release) ?? [];

    public void SetProblems(DistributionRelease release, IReadOnlyList<string> problems) => _problems[release] = problems;

    public bool IsWanted(DistributionRelease release)
    {
        lock (_lock)
        {
            return _wanted.ContainsKey(release);
        }
    }
}
