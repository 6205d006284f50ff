using Depwatch.Core.PackageIndexes;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// Keeps the package indexes of every wanted release at hand: loads what the data folder holds at start, fetches what
/// analyses asked for from the mirrors and the configured URLs, checks them again every
/// <see cref="PackageIndexOptions.RefreshInterval"/>, and when an index changes has the projects it concerns analysed again.
/// Nothing here blocks an analysis: analyses use whatever index is at hand when they run.
/// </summary>
internal sealed partial class PackageIndexRefresher(
    PackageIndexStore store, PackageIndexDownloader downloader, PackageIndexCache cache, ReanalysisTrigger trigger,
    IOptions<PackageIndexOptions> options, TimeProvider time, ILogger<PackageIndexRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromMinutes(1);

    private readonly Dictionary<DistributionRelease, DateTimeOffset> _due = [];
    private readonly Dictionary<string, DateTime> _localFileTimes = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<PackageIndexSource> _sources = options.Value.ParsedSources;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        store.Want(cache.LoadWanted().Select(w => (w.Key, (IReadOnlyList<string>)[.. w.Value])));
        store.Want(_sources.Select(s => (s.Release, (IReadOnlyList<string>)[])));
        foreach (var (release, architectures) in store.Wanted(out _))
        {
            // What an earlier run fetched serves at once; the first refresh below checks it with a conditional GET.
            store.Publish(release, await BuildAsync(release, UrlsOf(release, [.. architectures]), [], stoppingToken));
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }
            await store.WaitAsync(UntilNextDue(), stoppingToken);
        }
    }

    private async Task RefreshDueAsync(CancellationToken cancellationToken)
    {
        var wanted = store.Wanted(out var changed);
        if (changed)
        {
            cache.SaveWanted(wanted);
        }
        foreach (var (release, architectures) in wanted)
        {
            if (!_due.TryGetValue(release, out var due) || due <= time.GetUtcNow())
            {
                await RefreshAsync(release, [.. architectures], cancellationToken);
            }
        }
    }

    private async Task RefreshAsync(DistributionRelease release, IReadOnlyList<string> architectures, CancellationToken cancellationToken)
    {
        var urls = UrlsOf(release, architectures);
        var problems = new List<string>();
        var changed = !_due.ContainsKey(release) || LocalFilesChanged(release);
        var missing = 0;
        foreach (var url in urls)
        {
            var outcome = await downloader.FetchAsync(release, url, cancellationToken);
            changed |= outcome.Kind == DownloadResult.Updated;
            missing += outcome.Kind == DownloadResult.Missing ? 1 : 0;
            if (outcome.Problem is { } problem)
            {
                problems.Add($"{PackageIndexSource.Redacted(url)}: {problem}");
                LogFetchFailed(logger, PackageIndexSource.Redacted(url), problem);
            }
        }
        if (missing > 0 && missing == urls.Count)
        {
            problems.Add($"the mirrors have none of its {missing} index files (404)");
        }
        if (changed)
        {
            var index = await BuildAsync(release, urls, problems, cancellationToken);
            var previous = store.Publish(release, index);
            LogPublished(logger, release.DisplayName, index?.Count ?? 0);
            if (index is not null)
            {
                await trigger.IndexChangedAsync(release, previous, index, cancellationToken);
            }
        }
        store.SetProblems(release, problems);
        var failed = problems.Count > 0 && store.For(release) is null;
        _due[release] = time.GetUtcNow() + (failed && s_retryDelay < options.Value.RefreshInterval ? s_retryDelay : options.Value.RefreshInterval);
    }

    private List<Uri> UrlsOf(DistributionRelease release, IReadOnlyList<string> architectures)
    {
        var urls = new List<Uri>();
        if (options.Value.Enabled)
        {
            foreach (var architecture in architectures.DefaultIfEmpty(null))
            {
                urls.AddRange(MirrorLayout.IndexUrls(release, architecture, options.Value.Mirrors));
            }
        }
        urls.AddRange(_sources.Where(s => s.Release == release && s.IsUrl).Select(s => new Uri(s.Location)));
        return [.. urls.Distinct()];
    }

    private Task<SourceIndex?> BuildAsync(DistributionRelease release, IReadOnlyList<Uri> urls, List<string> problems, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var builder = new SourceIndexBuilder(release);
            var files = urls.Select(url => (Path: cache.FileFor(release, url), Shown: PackageIndexSource.Redacted(url))).Where(f => File.Exists(f.Path))
                .Concat(_sources.Where(s => s.Release == release && !s.IsUrl).Select(s => (Path: s.Location, Shown: s.Location)));
            foreach (var (path, shown) in files)
            {
                try
                {
                    using var stream = File.OpenRead(path);
                    PackageIndexReader.Read(stream, builder, cancellationToken: cancellationToken);
                }
                catch (Exception e) when (e is PackageIndexFormatException or IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{shown}: {e.Message}");
                    LogFetchFailed(logger, shown, e.Message);
                }
            }
            var index = builder.Build();
            return index.Count > 0 ? index : null;
        }, cancellationToken);

    private bool LocalFilesChanged(DistributionRelease release)
    {
        var changed = false;
        foreach (var source in _sources.Where(s => s.Release == release && !s.IsUrl))
        {
            var written = File.Exists(source.Location) ? File.GetLastWriteTimeUtc(source.Location) : DateTime.MinValue;
            changed |= !_localFileTimes.TryGetValue(source.Location, out var known) || known != written;
            _localFileTimes[source.Location] = written;
        }
        return changed;
    }

    private TimeSpan UntilNextDue()
    {
        var next = _due.Count == 0 ? options.Value.RefreshInterval : _due.Values.Min() - time.GetUtcNow();
        return next < TimeSpan.Zero ? TimeSpan.Zero : next > options.Value.RefreshInterval ? options.Value.RefreshInterval : next;
    }

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Package index {Location} was not fetched: {Problem}")]
    private static partial void LogFetchFailed(ILogger logger, string location, string problem);

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "Package index of {Release} updated: {Entries} binary packages.")]
    private static partial void LogPublished(ILogger logger, string release, int entries);

    [LoggerMessage(EventId = 133, Level = LogLevel.Error, Message = "Refreshing the package indexes failed; trying again later.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
