using Depwatch.Core.Analysis;
using Depwatch.Trivy.Rpc;
using Depwatch.Trivy.Twirp;

namespace Depwatch.Trivy;

/// <summary>Trivy's cache and scanner RPCs, with failures turned into messages that say what to do.</summary>
internal sealed class TrivyClient(TwirpClient twirp)
{
    private const string PutBlobMethod = "trivy.cache.v1.Cache/PutBlob";
    private const string DeleteBlobsMethod = "trivy.cache.v1.Cache/DeleteBlobs";
    private const string ScanMethod = "trivy.scanner.v1.Scanner/Scan";

    public Task PutBlobAsync(PutBlobRequest request, CancellationToken cancellationToken) =>
        CallAsync(PutBlobMethod, request, Google.Protobuf.WellKnownTypes.Empty.Parser, retry: true, cancellationToken);

    public Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken cancellationToken) =>
        CallAsync(ScanMethod, request, ScanResponse.Parser, retry: true, cancellationToken);

    /// <summary>Deleting is a courtesy to the server's cache: tried once, never retried.</summary>
    public Task DeleteBlobsAsync(DeleteBlobsRequest request, CancellationToken cancellationToken) =>
        CallAsync(DeleteBlobsMethod, request, Google.Protobuf.WellKnownTypes.Empty.Parser, retry: false, cancellationToken);

    /// <summary>
    /// Whether the server is to blame (unreachable, overloaded, an HTTP 5xx, no answer in time), so that another server
    /// may do better; a refused token or a request the server cannot read would fail anywhere.
    /// </summary>
    public static bool IsServerFailure(AnalyzerException e) => e.InnerException is TwirpException twirp
        && (twirp.IsTransient || twirp.Code is TwirpErrorCodes.DeadlineExceeded || (int?)twirp.Status >= 500);

    private async Task<TResponse> CallAsync<TResponse>(string method, Google.Protobuf.IMessage request,
        Google.Protobuf.MessageParser<TResponse> parser, bool retry, CancellationToken cancellationToken)
        where TResponse : Google.Protobuf.IMessage<TResponse>, new()
    {
        try
        {
            return await twirp.CallAsync(method, request, parser, retry, cancellationToken).ConfigureAwait(false);
        }
        catch (TwirpException e)
        {
            throw Explain(e, method);
        }
    }

    private AnalyzerException Explain(TwirpException e, string method)
    {
        var url = TrivyOptions.WithoutCredentials(twirp.BaseUrl);
        var rpc = method[(method.LastIndexOf('/') + 1)..];
        return e.Code switch
        {
            TwirpErrorCodes.Unauthenticated or TwirpErrorCodes.PermissionDenied => new AnalyzerException(
                $"Trivy at {url} rejected the API token ({e.Code}: {e.Message}). Check that trivy.api.token and " +
                "trivy.token.header match the server's --token and --token-header.", AnalyzerFailure.Unauthenticated, e),
            TwirpErrorCodes.Unavailable or TwirpErrorCodes.ResourceExhausted or TwirpErrorCodes.DeadlineExceeded => new AnalyzerException(
                $"Trivy at {url} is unreachable ({rpc}: {e.Message}). Check trivy.base.url and that 'trivy server' is running.",
                AnalyzerFailure.Unreachable, e),
            TwirpErrorCodes.BadRoute => new AnalyzerException(
                $"{url} does not answer Trivy's {rpc} method ({e.Message}). Check that trivy.base.url is the Trivy server's " +
                "address, without the /twirp path.", AnalyzerFailure.Protocol, e),
            _ => new AnalyzerException($"Trivy at {url} failed {rpc}: {e.Code}: {e.Message}", AnalyzerFailure.Protocol, e),
        };
    }
}
