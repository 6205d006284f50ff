using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Testing;
using Depwatch.Testing.TrivyServer;
using Depwatch.Trivy.Servers;

namespace Depwatch.Trivy.Tests;

/// <summary>
/// Two real Trivy servers sharing the work of one analysis: units spread over both, and a server killed mid-analysis
/// costs nothing but time, its units being scanned again on the other.
/// </summary>
public sealed class SeveralServersTests : IAsyncLifetime
{
    private const string Token = "shared-token-of-both-servers";

    private static readonly string[] s_purls =
    [
        "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12.5",
        "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&upstream=openssl&distro=alpine-3.19.1",
        "pkg:npm/lodash@4.17.4",
        "pkg:npm/%40babel/traverse@7.22.5",
        "pkg:pypi/Django@4.2.7",
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.4?type=jar",
        "pkg:golang/github.com/Masterminds/goutils@v1.1.0",
        "pkg:nuget/Newtonsoft.Json@12.0.3",
        "pkg:cargo/time@0.2.22",
        "pkg:gem/rack@1.4.1",
    ];

    private static readonly HttpClient s_http = TrivyAnalyzer.CreateHttpClient();

    private TrivyServerInstance _first = null!;
    private TrivyServerInstance _second = null!;

    [Fact]
    public async Task Units_spread_over_both_servers_and_find_what_one_server_finds()
    {
        var components = Inventory();
        var alone = await new TrivyAnalyzer(Options(_first.BaseUrl), s_http).AnalyzeAsync(new AnalysisRequest(components));
        var pool = new TrivyServerPool();

        var shared = await new TrivyAnalyzer(Options(_first.BaseUrl, _second.BaseUrl), s_http, servers: pool).AnalyzeAsync(new AnalysisRequest(components));

        Assert.NotEmpty(alone.Findings);
        Assert.Equal(FindingKeys(alone), FindingKeys(shared));
        Assert.All(pool.Status([_first.BaseUrl, _second.BaseUrl]), server =>
        {
            Assert.True(server.UnitsSucceeded > 0, $"{server.Url} scanned no unit");
            Assert.True(server.IsUp);
            Assert.Equal(0, server.InFlight);
        });
    }

    [Fact]
    public async Task A_server_killed_mid_analysis_is_marked_down_and_its_units_are_scanned_on_the_other()
    {
        var components = Inventory();
        var alone = await new TrivyAnalyzer(Options(_first.BaseUrl), s_http).AnalyzeAsync(new AnalysisRequest(components));
        var pool = new TrivyServerPool();
        Task? killing = null;
        var progress = new SynchronousProgress(p =>
        {
            if (p.Completed == 4)
            {
                killing ??= _second.StopAsync();
            }
        });

        var shared = await new TrivyAnalyzer(Options(_first.BaseUrl, _second.BaseUrl), s_http, servers: pool)
            .AnalyzeAsync(new AnalysisRequest(components), progress);
        await killing!;

        Assert.Equal(FindingKeys(alone), FindingKeys(shared));
        var (first, second) = (pool.Status([_first.BaseUrl]).Single(), pool.Status([_second.BaseUrl]).Single());
        Assert.True(first.IsUp);
        Assert.False(second.IsUp);
        Assert.True(second.UnitsFailed > 0);
        Assert.Contains("unreachable", second.LastError);
        Assert.DoesNotContain(Token, second.LastError);
    }

    [Fact]
    public async Task With_every_server_down_the_analysis_fails_as_unreachable()
    {
        await _first.StopAsync();
        await _second.StopAsync();
        var options = Options(_first.BaseUrl, _second.BaseUrl) with { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => new TrivyAnalyzer(options, s_http).AnalyzeAsync(new AnalysisRequest(Inventory())));

        Assert.Equal(AnalyzerFailure.Unreachable, error.Failure);
    }

    public async Task InitializeAsync()
    {
        var options = new TrivyServerOptions { Token = Token };
        (_first, _second) = (await TrivyServerInstance.StartAsync(options), await TrivyServerInstance.StartAsync(options));
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static TrivyOptions Options(params Uri[] servers) => new() { Servers = servers, ApiToken = Token, MaxPackagesPerBlob = 1 };

    // Four copies of each package, one package per blob: forty units, enough for a server to die while others are in flight.
    private static Component[] Inventory() =>
        [.. Enumerable.Range(0, 4).SelectMany(copy => s_purls.Select((purl, i) => TestComponents.FromPurl($"c{copy}-{i}", purl)))];

    private static List<string> FindingKeys(AnalysisResult result) =>
        [.. result.Findings.Select(f => $"{f.Component.Key} {f.Vulnerability.VulnId} {f.FixedVersion}").Order(StringComparer.Ordinal)];

    /// <summary>Reports on the reporting thread, so the test acts while the analysis is still under way.</summary>
    private sealed class SynchronousProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }
}
