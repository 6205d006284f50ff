using System.Security.Cryptography;
using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.Findings;
using Depwatch.Trivy.Planning;
using Depwatch.Trivy.Rpc;
using Depwatch.Trivy.Servers;
using Depwatch.Trivy.Twirp;

namespace Depwatch.Trivy;

/// <summary>
/// Finds vulnerabilities by asking a Trivy server: each scan unit goes PutBlob → Scan → DeleteBlobs, and the
/// results come back to the exact components that produced them through the key Depwatch sent. With several
/// servers, a unit goes to the one with fewest units in flight, and a unit whose server fails is scanned again on another.
/// </summary>
public sealed class TrivyAnalyzer : IVulnerabilityAnalyzer
{
    private readonly TrivyOptions _options;
    private readonly TrivyServerPool _servers;
    private readonly Dictionary<Uri, TrivyClient> _clients;
    private readonly SemaphoreSlim _scanSlots;

    /// <param name="servers">The servers' state, shared by the analyzers of one process; a private one when null.</param>
    public TrivyAnalyzer(TrivyOptions options, HttpClient httpClient, TimeProvider? timeProvider = null, TrivyServerPool? servers = null)
    {
        if (options.Validate() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(options));
        }
        _options = options;
        _servers = servers ?? new TrivyServerPool(timeProvider);
        // With one server, a failed request is retried on it; with several, on another one.
        var perServer = options.Servers.Count > 1 ? options with { MaxRetries = 0 } : options;
        _clients = options.Servers.Distinct().ToDictionary(url => url,
            url => new TrivyClient(new TwirpClient(httpClient, perServer with { Servers = [url] }, timeProvider ?? TimeProvider.System)));
        _scanSlots = new SemaphoreSlim(options.MaxConcurrentScans);
    }

    public string Identity => TrivyRpcMapper.AnalyzerIdentity;

    /// <summary>An HttpClient suited to Trivy: gzip answers decompressed, timeouts left to the analyzer.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public async Task<AnalysisResult> AnalyzeAsync(
        AnalysisRequest request, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var components = IndexByKey(request.Components);
        var plan = new ScanPlanner(_options, request.PackageIndexes).Plan(request.Components);
        var target = request.TargetName ?? "depwatch";
        var completed = 0;
        progress?.Report(new AnalysisProgress("scan", 0, plan.Units.Count));
        var responses = await Task.WhenAll(plan.Units.Select(async unit =>
        {
            var response = await ScanUnitAsync(unit, target, cancellationToken).ConfigureAwait(false);
            progress?.Report(new AnalysisProgress("scan", Interlocked.Increment(ref completed), plan.Units.Count));
            return response;
        })).ConfigureAwait(false);
        return new AnalysisResult(ToFindings(responses, components), plan.PackageCount, plan.Skipped) { SourceResolutions = plan.Sources };
    }

    private async Task<ScanResponse> ScanUnitAsync(ScanUnit unit, string target, CancellationToken cancellationToken)
    {
        await _scanSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tried = new HashSet<Uri>();
            for (var round = 0; ; )
            {
                if (_servers.Choose(_options.Servers, tried) is not { } server)
                {
                    // Every server failed this unit: wait, then go round them again, as a single server's requests are retried.
                    await Task.Delay(RoundDelay(round++), _servers.Time, cancellationToken).ConfigureAwait(false);
                    tried.Clear();
                    continue;
                }
                tried.Add(server.Url);
                try
                {
                    var response = await ScanOnAsync(_clients[server.Url], unit, target, cancellationToken).ConfigureAwait(false);
                    server.Succeeded();
                    return response;
                }
                catch (AnalyzerException e) when (TrivyClient.IsServerFailure(e))
                {
                    server.Failed(e.Message, _servers.Time.GetUtcNow());
                    if (tried.Count == _options.Servers.Count && round >= FailoverRounds)
                    {
                        throw;
                    }
                }
                catch
                {
                    server.Ended();
                    throw;
                }
            }
        }
        finally
        {
            _scanSlots.Release();
        }
    }

    private int FailoverRounds => _options.Servers.Count > 1 ? _options.MaxRetries : 0;

    private TimeSpan RoundDelay(int round)
    {
        var delay = _options.RetryBaseDelay * Math.Pow(2, round);
        return delay > _options.RetryMaxDelay ? _options.RetryMaxDelay : delay;
    }

    private static async Task<ScanResponse> ScanOnAsync(TrivyClient client, ScanUnit unit, string target, CancellationToken cancellationToken)
    {
        var blobId = NewBlobId();
        await client.PutBlobAsync(TrivyRpcMapper.ToPutBlobRequest(blobId, unit), cancellationToken).ConfigureAwait(false);
        try
        {
            return await client.ScanAsync(TrivyRpcMapper.ToScanRequest(blobId, target, unit), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DeleteQuietlyAsync(client, blobId).ConfigureAwait(false);
        }
    }

    private static async Task DeleteQuietlyAsync(TrivyClient client, string blobId)
    {
        try
        {
            await client.DeleteBlobsAsync(TrivyRpcMapper.ToDeleteBlobsRequest(blobId), CancellationToken.None).ConfigureAwait(false);
        }
        catch (AnalyzerException)
        {
            // The blob only occupies the server's cache; a failed scan must report its own error, not this one.
        }
    }

    private List<Finding> ToFindings(IEnumerable<ScanResponse> responses, Dictionary<string, Component> components)
    {
        // Trivy rates a vulnerability per advisory source, so one ID found by two sources is two records here.
        var vulnerabilities = new Dictionary<(string, string?), Core.Vulnerabilities.Vulnerability>();
        var seen = new HashSet<(string, string)>();
        var findings = new List<Finding>();
        foreach (var wire in responses.SelectMany(r => r.Results).SelectMany(r => r.Vulnerabilities))
        {
            var key = TrivyRpcMapper.ComponentKey(wire);
            if (key is null || !components.TryGetValue(key, out var component) || !seen.Add((key, wire.VulnerabilityId))
                || (_options.IgnoreUnfixed && wire.Status != (int)FindingStatus.Fixed))
            {
                continue;
            }
            var identity = (wire.VulnerabilityId, wire.DataSource?.Id);
            if (!vulnerabilities.TryGetValue(identity, out var vulnerability))
            {
                vulnerabilities[identity] = vulnerability = TrivyRpcMapper.ToVulnerability(wire);
            }
            findings.Add(TrivyRpcMapper.ToFinding(component, wire, vulnerability));
        }
        return findings;
    }

    private static Dictionary<string, Component> IndexByKey(IReadOnlyList<Component> components)
    {
        var index = new Dictionary<string, Component>(components.Count, StringComparer.Ordinal);
        foreach (var component in components)
        {
            if (!index.TryAdd(component.Key, component))
            {
                throw new ArgumentException($"Component key '{component.Key}' is used twice; keys must be unique.", nameof(components));
            }
        }
        return index;
    }

    private static string NewBlobId() => "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
