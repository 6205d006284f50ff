using Depwatch.Core.PackageIndexes;

namespace Depwatch.Cli.Commands;

/// <summary>
/// Reads the package indexes <c>--package-index</c> names, from files or over HTTP, into one index per release.
/// One that cannot be read is reported and left out: the analysis goes on and says what stayed unresolved.
/// </summary>
internal sealed class PackageIndexLoader(TimeSpan timeout, Action<string> warn)
{
    public async Task<PackageIndexSet> LoadAsync(IReadOnlyList<PackageIndexSource> sources, CancellationToken cancellationToken)
    {
        if (sources.Count == 0)
        {
            return PackageIndexSet.Empty;
        }
        using var http = new HttpClient { Timeout = timeout };
        var builders = new Dictionary<DistributionRelease, SourceIndexBuilder>();
        foreach (var source in sources)
        {
            if (!builders.TryGetValue(source.Release, out var builder))
            {
                builders[source.Release] = builder = new SourceIndexBuilder(source.Release);
            }
            await ReadAsync(source, builder, http, cancellationToken).ConfigureAwait(false);
        }
        return new PackageIndexSet(builders.Values.Select(b => b.Build()).Where(index => index.Count > 0));
    }

    private async Task ReadAsync(PackageIndexSource source, SourceIndexBuilder builder, HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = source.IsUrl
                ? await OpenUrlAsync(http, new Uri(source.Location), cancellationToken).ConfigureAwait(false)
                : File.OpenRead(source.Location);
            // The readers are synchronous; the download runs on a pool thread so a slow mirror holds no caller thread.
            await Task.Run(() => PackageIndexReader.Read(stream, builder, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PackageIndexFormatException or IOException or UnauthorizedAccessException or HttpRequestException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            warn($"package index {source.DisplayLocation} is not used: {Reason(e)}");
        }
    }

    private static async Task<Stream> OpenUrlAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Reason(Exception e) => e switch
    {
        TaskCanceledException => $"no answer within {timeout.TotalSeconds:0} seconds",
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        PackageIndexFormatException => e.Message,
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => $"cannot be fetched ({http.HttpRequestError})",
        _ => e.Message,
    };
}
