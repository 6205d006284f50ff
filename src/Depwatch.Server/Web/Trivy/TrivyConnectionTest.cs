using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Secrets;
using Depwatch.Trivy;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.Trivy;

/// <summary>
/// "Test connection": probes each Trivy server the form names, side by side, with the token typed into the form, else
/// the stored one, which is decrypted here only to be sent to the addresses it was stored with: testing another address,
/// even one only typed and never saved, would otherwise hand the token to whoever answers there.
/// </summary>
internal sealed class TrivyConnectionTest(
    IHttpClientFactory httpClients, IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, TimeProvider time)
{
    public const string HttpClientName = "trivy-connection-test";

    /// <summary>One outcome per server the settings name, in their order.</summary>
    public async Task<IReadOnlyList<TrivyTestView>> RunAsync(TrivySettings settings, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(cancellationToken);
        return await Task.WhenAll(TrivyServerList.Parse(settings.BaseUrl).Select(url => RunAsync(settings, url, stored, cancellationToken)));
    }

    private async Task<TrivyTestView> RunAsync(
        TrivySettings settings, Uri url, (string? BaseUrl, string? ProtectedToken) stored, CancellationToken cancellationToken)
    {
        var source = settings.ClearToken ? TokenSource.None
            : settings.ApiToken is { Length: > 0 } ? TokenSource.Typed
            : stored.ProtectedToken is null ? TokenSource.None
            : SameServer(url, stored.BaseUrl) ? TokenSource.Stored
            : TokenSource.Withheld;
        var options = new TrivyOptions { BaseUrl = url, TokenHeader = settings.EffectiveTokenHeader, RequestTimeout = TimeSpan.FromSeconds(10) };
        TrivyProbeResult result;
        try
        {
            var token = source switch
            {
                TokenSource.Typed => settings.ApiToken,
                TokenSource.Stored => secrets.Unprotect(stored.ProtectedToken!, ConfigPropertyDefinition.SecretPurpose(TrivyProperties.Group, TrivyProperties.ApiToken)),
                _ => null,
            };
            result = await new TrivyServerProbe(options with { ApiToken = token }, httpClients.CreateClient(HttpClientName), time).ProbeAsync(cancellationToken);
        }
        catch (SecretUnreadableException e)
        {
            result = new TrivyProbeResult(false, null, null, null, e.Message);
        }
        return new TrivyTestView(options.DisplayBaseUrl, result, source, time.GetUtcNow());
    }

    /// <summary>Whether a token is stored, without reading it.</summary>
    public async Task<bool> IsTokenStoredAsync(CancellationToken cancellationToken) => (await StoredAsync(cancellationToken)).ProtectedToken is not null;

    /// <summary>One of the stored servers: scheme, credentials, host, port and path alike (a trailing '/' aside).</summary>
    private static bool SameServer(Uri url, string? storedUrls) =>
        TrivyServerList.Parse(storedUrls).Any(stored => Normalised(url) == Normalised(stored));

    private static string Normalised(Uri url) =>
        url.GetComponents(UriComponents.SchemeAndServer | UriComponents.UserInfo | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');

    private async Task<(string? BaseUrl, string? ProtectedToken)> StoredAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = await db.ConfigProperties.AsNoTracking()
            .Where(p => p.GroupName == TrivyProperties.Group && (p.PropertyName == TrivyProperties.BaseUrl || p.PropertyName == TrivyProperties.ApiToken))
            .ToDictionaryAsync(p => p.PropertyName, p => p.PropertyValue, cancellationToken);
        var token = values.GetValueOrDefault(TrivyProperties.ApiToken);
        return (values.GetValueOrDefault(TrivyProperties.BaseUrl), token is { Length: > 0 } ? token : null);
    }
}
