using System.Net;
using System.Net.Http.Headers;
using Depwatch.Core.PackageIndexes;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// Fetches one index file into the cache with a conditional GET, under a time-out and a size cap, and keeps it only when
/// it reads as an index. Problems are described without the URL's credentials or query.
/// </summary>
internal sealed class PackageIndexDownloader : IDisposable
{
    private readonly HttpClient _http;
    private readonly PackageIndexCache _cache;
    private readonly PackageIndexOptions _options;

    public PackageIndexDownloader(IOptions<PackageIndexOptions> options, PackageIndexCache cache)
    {
        _options = options.Value;
        _cache = cache;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.None,
            MaxAutomaticRedirections = 5,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (!_options.AllowPrivateAddresses)
        {
            handler.ConnectCallback = OutboundAddresses.ConnectToPublicAddressAsync;
        }
        _http = new HttpClient(handler) { Timeout = _options.Timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Depwatch");
    }

    public async Task<DownloadOutcome> FetchAsync(DistributionRelease release, Uri url, CancellationToken cancellationToken)
    {
        var file = _cache.FileFor(release, url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (_cache.ValidatorsOf(file) is { } validators)
        {
            if (validators.ETag is { } tag && EntityTagHeaderValue.TryParse(tag, out var parsed))
            {
                request.Headers.IfNoneMatch.Add(parsed);
            }
            request.Headers.IfModifiedSince = validators.LastModified;
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.NotModified => DownloadOutcome.NotModified,
                HttpStatusCode.NotFound or HttpStatusCode.Gone => DownloadOutcome.Missing,
                _ when !response.IsSuccessStatusCode => DownloadOutcome.Failed($"the mirror answered {(int)response.StatusCode} {response.ReasonPhrase}"),
                _ => await StoreAsync(release, response, file, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DownloadOutcome.Failed($"no complete answer within {_options.Timeout.TotalSeconds:0} seconds");
        }
        catch (HttpRequestException e)
        {
            return DownloadOutcome.Failed($"it cannot be fetched: {e.Message}");
        }
    }

    private async Task<DownloadOutcome> StoreAsync(DistributionRelease release, HttpResponseMessage response, string file, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _options.MaxDownloadBytes)
        {
            return DownloadOutcome.Failed($"it is larger than the {_options.MaxDownloadBytes} bytes allowed (Depwatch:PackageIndexMirrors:MaxDownloadBytes)");
        }
        var temporary = _cache.TemporaryFile();
        try
        {
            if (!await CopyCappedAsync(response, temporary, cancellationToken).ConfigureAwait(false))
            {
                return DownloadOutcome.Failed($"it is larger than the {_options.MaxDownloadBytes} bytes allowed (Depwatch:PackageIndexMirrors:MaxDownloadBytes)");
            }
            await using (var check = File.OpenRead(temporary))
            {
                PackageIndexReader.Read(check, new SourceIndexBuilder(release), cancellationToken: cancellationToken);
            }
            _cache.Commit(temporary, file, new CachedValidators(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified));
            return DownloadOutcome.Updated;
        }
        catch (PackageIndexFormatException e)
        {
            return DownloadOutcome.Failed($"it is not a readable package index: {e.Message}");
        }
        catch (IOException e)
        {
            return DownloadOutcome.Failed($"the download broke off: {e.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<bool> CopyCappedAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = File.Create(path);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > _options.MaxDownloadBytes)
            {
                return false;
            }
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    public void Dispose() => _http.Dispose();
}

/// <param name="Problem">Why the fetch failed; null unless <see cref="Kind"/> is <see cref="DownloadResult.Failed"/>.</param>
internal sealed record DownloadOutcome(DownloadResult Kind, string? Problem = null)
{
    public static DownloadOutcome Updated { get; } = new(DownloadResult.Updated);
    public static DownloadOutcome NotModified { get; } = new(DownloadResult.NotModified);
    public static DownloadOutcome Missing { get; } = new(DownloadResult.Missing);

    public static DownloadOutcome Failed(string problem) => new(DownloadResult.Failed, problem);
}

internal enum DownloadResult
{
    Updated,
    NotModified,

    /// <summary>The mirror has no such file (404): e.g. a release without an <c>-updates</c> suite.</summary>
    Missing,
    Failed,
}
