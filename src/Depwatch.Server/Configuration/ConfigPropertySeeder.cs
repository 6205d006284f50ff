using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Configuration;

/// <summary>
/// At start-up: creates the encryption key, adds the config properties Depwatch knows with their defaults
/// when absent, then writes the Trivy settings given in configuration over the stored ones.
/// </summary>
internal sealed partial class ConfigPropertySeeder(
    IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, IOptions<TrivyStartupOptions> trivy,
    ConfigPropertySeeding seeding, ILogger<ConfigPropertySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            secrets.EnsureKey();
            await AddMissingAsync(cancellationToken);
            await ApplyConfigurationAsync(cancellationToken);
            seeding.Complete();
        }
        catch (Exception e)
        {
            seeding.Fail(e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AddMissingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await TryAddMissingAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance sharing the database added them at the same moment; add whatever is still missing.
            await TryAddMissingAsync(cancellationToken);
        }
    }

    private async Task TryAddMissingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.ConfigProperties.ToListAsync(cancellationToken);
        foreach (var definition in ConfigPropertyDefinitions.All)
        {
            var stored = existing.FirstOrDefault(p => p.GroupName == definition.GroupName && p.PropertyName == definition.PropertyName);
            if (stored is null)
            {
                db.ConfigProperties.Add(new ConfigPropertyEntity
                {
                    GroupName = definition.GroupName,
                    PropertyName = definition.PropertyName,
                    PropertyType = definition.PropertyType,
                    PropertyValue = definition.DefaultValue,
                    Description = definition.Description,
                });
            }
            else
            {
                stored.Description = definition.Description;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ApplyConfigurationAsync(CancellationToken cancellationToken)
    {
        var requested = trivy.Value.RequestedValues();
        if (requested.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ConfigProperties.Where(p => p.GroupName == TrivyProperties.Group).ToListAsync(cancellationToken);
        foreach (var (name, value) in requested)
        {
            var property = stored.Single(p => p.PropertyName == name);
            property.PropertyValue = name == TrivyProperties.ApiToken && value is not null
                ? secrets.Protect(value, ConfigPropertyDefinition.SecretPurpose(property.GroupName, property.PropertyName))
                : value;
        }
        await db.SaveChangesAsync(cancellationToken);
        LogApplied(logger, TrivyStartupOptions.Section, string.Join(", ", requested.Keys));
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Applied the Trivy settings from configuration section {Section}: {Properties}.")]
    private static partial void LogApplied(ILogger logger, string section, string properties);
}
