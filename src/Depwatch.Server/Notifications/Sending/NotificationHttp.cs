using System.Text;
using Depwatch.Server.PackageIndexes;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Notifications.Sending;

/// <summary>
/// The one HTTP client notifications go out through: a time-out, no redirects (a receiver cannot send us elsewhere),
/// internal addresses refused unless <see cref="NotificationOptions.AllowPrivateAddresses"/>, and errors that name the
/// host only, never the path or query where webhook tokens live.
/// </summary>
internal sealed class NotificationHttp : IDisposable
{
    public const string AllowPrivateSetting = NotificationOptions.Section + ":" + nameof(NotificationOptions.AllowPrivateAddresses);

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public NotificationHttp(IOptions<NotificationOptions> options)
    {
        _timeout = options.Value.Timeout;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = _timeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (!options.Value.AllowPrivateAddresses)
        {
            handler.ConnectCallback = (context, cancellationToken) => OutboundAddresses.ConnectToPublicAddressAsync(context, AllowPrivateSetting, cancellationToken);
        }
        _http = new HttpClient(handler) { Timeout = _timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Depwatch");
    }

    public async Task PostJsonAsync(string url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var uri = new Uri(url);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationDeliveryException($"{uri.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"{uri.Host} did not answer within {_timeout.TotalSeconds:0} seconds", e);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationDeliveryException($"{uri.Host} cannot be reached: {Describe(e, uri)}", e);
        }
    }

    // The message of an HttpRequestException may quote the whole URL, with the token in its path or query.
    private static string Describe(HttpRequestException e, Uri uri)
    {
        var text = e.Message.Replace(uri.ToString(), uri.Host, StringComparison.Ordinal);
        foreach (var secret in new[] { uri.PathAndQuery, uri.UserInfo }.Where(s => s.Length > 1))
        {
            text = text.Replace(secret, "", StringComparison.Ordinal);
        }
        return text;
    }

    public void Dispose() => _http.Dispose();
}
