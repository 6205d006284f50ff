using System.Net;
using System.Text.Json;
using Depwatch.Core.Analysis;
using Depwatch.Trivy.Rpc;
using Depwatch.Trivy.Twirp;

namespace Depwatch.Trivy;

/// <summary>
/// Answers "can Depwatch use this Trivy server?": is it reachable (<c>/healthz</c>), does it accept the token
/// (a harmless token-checked call), and which version and vulnerability database it runs, when it says.
/// </summary>
public sealed class TrivyServerProbe(TrivyOptions options, HttpClient httpClient, TimeProvider? timeProvider = null)
{
    public async Task<TrivyProbeResult> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var healthy = await IsHealthyAsync(cancellationToken).ConfigureAwait(false);
        if (healthy is not null)
        {
            return new TrivyProbeResult(Reachable: false, TokenAccepted: null, Version: null, DatabaseUpdatedAt: null, Problem: healthy);
        }
        var (version, databaseUpdatedAt) = await VersionAsync(cancellationToken).ConfigureAwait(false);
        var tokenProblem = await TokenProblemAsync(cancellationToken).ConfigureAwait(false);
        return new TrivyProbeResult(true, tokenProblem is null, version, databaseUpdatedAt, tokenProblem);
    }

    private async Task<string?> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await GetAsync("healthz", cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK
                ? null
                : $"{options.DisplayBaseUrl} answered its health check with HTTP {(int)response.StatusCode}; is it a Trivy server?";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{options.DisplayBaseUrl} cannot be reached: {e.GetBaseException().Message}";
        }
    }

    // Servers before 0.45 have no /version; that is "unknown", not a failure.
    private async Task<(string?, DateTimeOffset?)> VersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await GetAsync("version", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, null);
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            var version = root.TryGetProperty("Version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var updated = root.TryGetProperty("VulnerabilityDB", out var db) && db.TryGetProperty("UpdatedAt", out var u)
                && u.TryGetDateTimeOffset(out var at) ? at : (DateTimeOffset?)null;
            return (version, updated);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (null, null);
        }
    }

    // Deleting a blob that does not exist changes nothing, but passes the server's token check.
    private async Task<string?> TokenProblemAsync(CancellationToken cancellationToken)
    {
        var client = new TrivyClient(new TwirpClient(httpClient, options with { MaxRetries = 0 }, timeProvider ?? TimeProvider.System));
        try
        {
            await client.DeleteBlobsAsync(new DeleteBlobsRequest { BlobIds = { "sha256:depwatch-connection-test" } }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (AnalyzerException e)
        {
            return e.Message;
        }
    }

    private async Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await httpClient.GetAsync(new Uri(options.BaseDirectory, path), timeout.Token).ConfigureAwait(false);
    }
}

/// <param name="TokenAccepted">Null when the server could not be reached to ask.</param>
/// <param name="Version">The server's version, when it tells (servers since 0.45).</param>
/// <param name="DatabaseUpdatedAt">When its vulnerability database was built, when it tells.</param>
/// <param name="Problem">What is wrong, in words a person understands; null when all is well.</param>
public sealed record TrivyProbeResult(bool Reachable, bool? TokenAccepted, string? Version, DateTimeOffset? DatabaseUpdatedAt, string? Problem)
{
    public bool IsUsable => Reachable && TokenAccepted == true;
}
