using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Secrets;
using Depwatch.Trivy;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Web.Trivy;

/// <summary>
/// "Test connection": probes the Trivy server the form names, with the token typed into the form or else the
/// stored one, which is decrypted here only to be sent to that server.
/// </summary>
internal sealed class TrivyConnectionTest(
    IHttpClientFactory httpClients, IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, TimeProvider time)
{
    public const string HttpClientName = "trivy-connection-test";

    public async Task<TrivyProbeResult> RunAsync(TrivySettings settings, CancellationToken cancellationToken)
    {
        string? token;
        try
        {
            token = settings.ClearToken ? null : settings.ApiToken is { Length: > 0 } typed ? typed : await StoredTokenAsync(cancellationToken);
        }
        catch (SecretUnreadableException e)
        {
            return new TrivyProbeResult(false, null, null, null, e.Message);
        }
        var options = new TrivyOptions
        {
            BaseUrl = new Uri(settings.BaseUrl!.Trim()),
            ApiToken = token,
            TokenHeader = settings.EffectiveTokenHeader,
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        return await new TrivyServerProbe(options, httpClients.CreateClient(HttpClientName), time).ProbeAsync(cancellationToken);
    }

    private async Task<string?> StoredTokenAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ConfigProperties.AsNoTracking()
            .Where(p => p.GroupName == TrivyProperties.Group && p.PropertyName == TrivyProperties.ApiToken)
            .Select(p => p.PropertyValue)
            .FirstOrDefaultAsync(cancellationToken);
        return stored is { Length: > 0 }
            ? secrets.Unprotect(stored, ConfigPropertyDefinition.SecretPurpose(TrivyProperties.Group, TrivyProperties.ApiToken))
            : null;
    }

    /// <summary>Whether a token is stored, without reading it.</summary>
    public async Task<bool> IsTokenStoredAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ConfigProperties.AnyAsync(
            p => p.GroupName == TrivyProperties.Group && p.PropertyName == TrivyProperties.ApiToken && p.PropertyValue != null && p.PropertyValue != "",
            cancellationToken);
    }
}
