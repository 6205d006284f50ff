using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Depwatch.Trivy.Twirp;

/// <summary>
/// Calls Twirp methods over HTTP POST, retrying transient failures with capped exponential backoff.
/// </summary>
internal sealed class TwirpClient(HttpClient http, TrivyOptions options, TimeProvider timeProvider)
{
    private const string ProtobufMediaType = "application/protobuf";
    private const string JsonMediaType = "application/json";

    private readonly Uri _twirpBase = new(options.BaseDirectory, "twirp/");

    public Uri BaseUrl => options.BaseUrl;

    /// <param name="method">The fully qualified method, e.g. <c>trivy.scanner.v1.Scanner/Scan</c>.</param>
    /// <param name="retry">Whether transient failures are tried again.</param>
    public async Task<TResponse> CallAsync<TResponse>(
        string method, IMessage request, MessageParser<TResponse> parser, bool retry, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        var retries = retry ? options.MaxRetries : 0;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(method, request, parser, cancellationToken).ConfigureAwait(false);
            }
            catch (TwirpException e) when (e.IsTransient && attempt < retries)
            {
                await Task.Delay(Backoff(attempt, e.RetryAfter), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TResponse> SendOnceAsync<TResponse>(
        string method, IMessage request, MessageParser<TResponse> parser, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        using var message = BuildRequest(method, request);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token)
                .ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                throw TwirpErrorReader.Read(response.StatusCode, body, response.Headers);
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return TwirpCodec.Decode(bytes, IsJson(response) ? TwirpEncoding.Json : TwirpEncoding.Protobuf, parser, method);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TwirpException(TwirpErrorCodes.DeadlineExceeded,
                $"no answer within {options.RequestTimeout.TotalSeconds:0.#} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            // Refused, reset or dropped connections: the server may be restarting.
            throw new TwirpException(TwirpErrorCodes.Unavailable, TransportMessage(e), inner: e);
        }
    }

    private HttpRequestMessage BuildRequest(string method, IMessage request)
    {
        var mediaType = options.Encoding == TwirpEncoding.Json ? JsonMediaType : ProtobufMediaType;
        var content = new ByteArrayContent(TwirpCodec.Encode(request, options.Encoding));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_twirpBase, method)) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        if (!string.IsNullOrEmpty(options.ApiToken))
        {
            message.Headers.TryAddWithoutValidation(options.TokenHeader, options.ApiToken);
        }
        return message;
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, attempt);
        var delay = retryAfter is { } asked && asked > exponential ? asked : exponential;
        return delay > options.RetryMaxDelay ? options.RetryMaxDelay : delay;
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase) == true;

    private static string TransportMessage(HttpRequestException e)
    {
        var innermost = e.GetBaseException();
        return innermost == e ? e.Message : $"{e.Message} ({innermost.Message})";
    }
}
