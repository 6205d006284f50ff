using System.Net;
using Depwatch.Core.Analysis;
using Depwatch.Server.Options;
using Depwatch.Trivy;
using Depwatch.Trivy.Servers;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Analysis;

/// <summary>
/// The process-wide Trivy analyzer: one HttpClient for the process, one analyzer per set of options (a new one
/// only when an administrator changes them), one limit on requests in flight shared by every analysis (across all
/// servers), and one memory of each server's state.
/// </summary>
internal sealed class TrivyAnalyzerProvider : IDisposable
{
    private readonly Lock _lock = new();
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly int _maxConcurrentRequests;
    private (TrivyOptions Options, TrivyAnalyzer Analyzer)? _current;

    /// <summary>Each Trivy server's state: units in flight, whether it is marked down and why.</summary>
    public TrivyServerPool Servers { get; }

    public TrivyAnalyzerProvider(IOptions<AnalysisOptions> options, TimeProvider time)
    {
        _maxConcurrentRequests = options.Value.MaxConcurrentTrivyRequests;
        _time = time;
        Servers = new TrivyServerPool(time);
        var transport = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(new TrivyRequestLimiter(_maxConcurrentRequests) { InnerHandler = transport }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <exception cref="ArgumentException">The options cannot work (e.g. a base URL that is not http or https).</exception>
    public IVulnerabilityAnalyzer Get(TrivyOptions options)
    {
        lock (_lock)
        {
            if (_current is { } current && current.Options == options)
            {
                return current.Analyzer;
            }
            var analyzer = new TrivyAnalyzer(options with { MaxConcurrentScans = _maxConcurrentRequests }, _http, _time, Servers);
            _current = (options, analyzer);
            return analyzer;
        }
    }

    public void Dispose() => _http.Dispose();
}
