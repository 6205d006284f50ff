using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Depwatch.Server.ManagedTrivy;
using Depwatch.Server.Secrets;
using Depwatch.Trivy;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Configuration;

/// <summary>
/// Builds the Trivy options from the stored <c>scanner</c> properties on every call, so an update made through
/// the API (on any instance sharing the database) applies to the next analysis. A Trivy server run by Depwatch itself
/// takes the place of the configured ones, whose other settings (unfixed, libraries, OS packages) still apply.
/// </summary>
internal sealed class TrivyConfiguration(
    IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, ConfigPropertySeeding seeding, ManagedTrivyServer managed)
    : ITrivyConfiguration
{
    public async Task<TrivyOptions?> GetOptionsAsync(CancellationToken cancellationToken)
    {
        await seeding.Completion.WaitAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = await db.ConfigProperties.AsNoTracking()
            .Where(p => p.GroupName == TrivyProperties.Group)
            .ToDictionaryAsync(p => p.PropertyName, p => p.PropertyValue, cancellationToken);
        if (await managed.ConnectionAsync(cancellationToken) is { } own)
        {
            return Settings(values) with { Servers = [own.BaseUrl], ApiToken = own.Token };
        }
        var servers = TrivyServerList.Parse(values.GetValueOrDefault(TrivyProperties.BaseUrl));
        if (!ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.Enabled)) || servers.Count == 0)
        {
            return null;
        }
        return Settings(values) with
        {
            Servers = servers,
            ApiToken = values.GetValueOrDefault(TrivyProperties.ApiToken) is { Length: > 0 } token
                ? secrets.Unprotect(token, ConfigPropertyDefinition.SecretPurpose(TrivyProperties.Group, TrivyProperties.ApiToken))
                : null,
            TokenHeader = values.GetValueOrDefault(TrivyProperties.TokenHeader) is { Length: > 0 } header ? header : TrivyOptions.DefaultTokenHeader,
        };
    }

    /// <summary>The settings that apply whichever server analyses.</summary>
    private static TrivyOptions Settings(Dictionary<string, string?> values) =>
        new()
        {
            IgnoreUnfixed = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.IgnoreUnfixed)),
            ScanLibraries = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.ScanLibrary)),
            ScanOsPackages = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.ScanOs)),
        };
}
