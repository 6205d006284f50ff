using Depwatch.Core.Analysis;
using Depwatch.Server.Analysis;
using Depwatch.Server.Options;
using Depwatch.Testing;
using Depwatch.Testing.FakeTwirp;
using Depwatch.Trivy;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>
/// However many projects are analysed at once, and even while an administrator's change of the Trivy settings brings a
/// new analyzer, this process never has more than MaxConcurrentTrivyRequests requests in flight to Trivy.
/// </summary>
public sealed class TrivyRequestLimitTests : IAsyncLifetime
{
    private const int Limit = 2;

    private readonly TrivyAnalyzerProvider _provider = new(Microsoft.Extensions.Options.Options.Create(
        new AnalysisOptions { MaxConcurrentTrivyRequests = Limit }), TimeProvider.System);

    private FakeTwirpServer _trivy = null!;
    private int _inFlight;
    private int _maxInFlight;

    [Fact]
    public async Task Concurrent_analyses_under_different_settings_share_one_limit()
    {
        // Three settings (as if changed twice mid-way), three analyzers, each allowed to scan several units side by side.
        var analyses = Enumerable.Range(1, 3).Select(n =>
            _provider.Get(Options($"token-{n}")).AnalyzeAsync(new AnalysisRequest(Packages(n, count: 4))));

        var results = await Task.WhenAll(analyses);

        Assert.All(results, r => Assert.Equal(4, r.AnalyzedComponents));
        Assert.Equal(3 * 4 * 3, _trivy.Calls.Count);
        Assert.Equal(Limit, _maxInFlight);
    }

    [Fact]
    public void The_analyzer_is_kept_while_the_settings_stay_the_same_and_replaced_when_they_change()
    {
        var first = _provider.Get(Options("token-1"));

        Assert.Same(first, _provider.Get(Options("token-1")));
        Assert.NotSame(first, _provider.Get(Options("token-2")));
    }

    public async Task InitializeAsync() => _trivy = await FakeTwirpServer.StartAsync(_ =>
    {
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        Thread.Sleep(50);
        Interlocked.Decrement(ref _inFlight);
        return FakeResponse.Protobuf([]);
    });

    public async Task DisposeAsync()
    {
        await _trivy.DisposeAsync();
        _provider.Dispose();
    }

    // One package per blob, so each analysis has as many scan units as packages.
    private TrivyOptions Options(string token) => new() { BaseUrl = _trivy.BaseUrl, ApiToken = token, MaxPackagesPerBlob = 1 };

    private static List<Core.Components.Component> Packages(int analysis, int count) =>
        [.. Enumerable.Range(1, count).Select(i => TestComponents.FromPurl($"a{analysis}-c{i}", $"pkg:npm/package-{i}@1.0.{analysis}"))];

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
