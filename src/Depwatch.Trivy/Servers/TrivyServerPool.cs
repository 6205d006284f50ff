using System.Collections.Concurrent;

namespace Depwatch.Trivy.Servers;

/// <summary>
/// The Trivy servers this process sends scan units to, with their state kept across analyzers (an administrator's
/// change of settings makes a new analyzer, not a new memory of which server is down).
/// </summary>
public sealed class TrivyServerPool(TimeProvider? timeProvider = null)
{
    private readonly ConcurrentDictionary<string, TrivyServerState> _servers = new(StringComparer.Ordinal);
    private readonly Lock _choosing = new();

    internal TimeProvider Time { get; } = timeProvider ?? TimeProvider.System;

    /// <summary>The state of each of these servers now, in their order.</summary>
    public IReadOnlyList<TrivyServerStatus> Status(IEnumerable<Uri> servers)
    {
        var now = Time.GetUtcNow();
        return [.. servers.Select(url => StateOf(url).Status(now))];
    }

    internal TrivyServerState StateOf(Uri url) => _servers.GetOrAdd(url.AbsoluteUri, _ => new TrivyServerState(url));

    /// <summary>
    /// The server for the next scan unit among those not yet <paramref name="tried"/> for it: the one with fewest units in
    /// flight among those up, else the one whose down period ends first; null when every server was tried. The chosen
    /// server counts the unit as in flight until it reports how the unit ended.
    /// </summary>
    internal TrivyServerState? Choose(IReadOnlyList<Uri> servers, IReadOnlySet<Uri> tried)
    {
        var now = Time.GetUtcNow();
        lock (_choosing)
        {
            var candidates = servers.Where(url => !tried.Contains(url)).Select(StateOf).ToList();
            var chosen = candidates.Where(s => s.IsUp(now)).MinBy(s => s.InFlight) ?? candidates.MinBy(s => s.DownUntil);
            chosen?.Begin();
            return chosen;
        }
    }
}
