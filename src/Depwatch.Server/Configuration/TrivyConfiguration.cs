using Depwatch.Server.Analysis;
using Depwatch.Server.Data;
using Depwatch.Server.Secrets;
using Depwatch.Trivy;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Configuration;

/// <summary>
/// Builds the Trivy options from the stored <c>scanner</c> properties on every call, so an update made through
/// the API (on any instance sharing the database) applies to the next analysis.
/// </summary>
internal sealed class TrivyConfiguration(
    IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, ConfigPropertySeeding seeding) : ITrivyConfiguration
{
    public async Task<TrivyOptions?> GetOptionsAsync(CancellationToken cancellationToken)
    {
        await seeding.Completion.WaitAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = await db.ConfigProperties.AsNoTracking()
            .Where(p => p.GroupName == TrivyProperties.Group)
            .ToDictionaryAsync(p => p.PropertyName, p => p.PropertyValue, cancellationToken);
        var servers = TrivyServerList.Parse(values.GetValueOrDefault(TrivyProperties.BaseUrl));
        if (!ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.Enabled)) || servers.Count == 0)
        {
            return null;
        }
        return new TrivyOptions
        {
            Servers = servers,
            ApiToken = values.GetValueOrDefault(TrivyProperties.ApiToken) is { Length: > 0 } token
                ? secrets.Unprotect(token, ConfigPropertyDefinition.SecretPurpose(TrivyProperties.Group, TrivyProperties.ApiToken))
                : null,
            TokenHeader = values.GetValueOrDefault(TrivyProperties.TokenHeader) is { Length: > 0 } header ? header : TrivyOptions.DefaultTokenHeader,
            IgnoreUnfixed = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.IgnoreUnfixed)),
            ScanLibraries = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.ScanLibrary)),
            ScanOsPackages = ConfigPropertyValues.IsTrue(values.GetValueOrDefault(TrivyProperties.ScanOs)),
        };
    }
}
