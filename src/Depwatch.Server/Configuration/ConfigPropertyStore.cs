using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Configuration;

/// <summary>Reads and updates config properties; encrypted values are encrypted here and never read back out.</summary>
internal sealed partial class ConfigPropertyStore(
    IDbContextFactory<DepwatchDbContext> contexts, SecretProtector secrets, ILogger<ConfigPropertyStore> logger)
{
    /// <summary>Every property, by group then name.</summary>
    public async Task<List<ConfigProperty>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.ConfigProperties.AsNoTracking().ToListAsync(cancellationToken);
        return [.. entities
            .OrderBy(p => p.GroupName, StringComparer.Ordinal)
            .ThenBy(p => p.PropertyName, StringComparer.Ordinal)
            .Select(ToApi)];
    }

    /// <param name="changedBy">Who asked, for the audit log line (never the value).</param>
    public async Task<ConfigPropertyUpdate> UpdateAsync(ConfigProperty request, string changedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.ConfigProperties.FirstOrDefaultAsync(
            p => p.GroupName == request.GroupName && p.PropertyName == request.PropertyName, cancellationToken);
        if (entity is null)
        {
            return new ConfigPropertyUpdate.NotFound();
        }
        var check = StoredValue(entity, request.PropertyValue);
        if (check is null)
        {
            return new ConfigPropertyUpdate.Unchanged();
        }
        if (!check.Value.Accepted)
        {
            return new ConfigPropertyUpdate.Rejected(check.Value.Error!);
        }
        entity.PropertyValue = check.Value.Value;
        await db.SaveChangesAsync(cancellationToken);
        LogChanged(logger, entity.GroupName, entity.PropertyName, changedBy);
        return new ConfigPropertyUpdate.Updated(ToApi(entity));
    }

    /// <summary>The value to store, null to leave the stored value as it is.</summary>
    private ValueCheck? StoredValue(ConfigPropertyEntity entity, string? requested)
    {
        if (entity.PropertyType != ConfigPropertyTypes.EncryptedString)
        {
            return ConfigPropertyValues.Check(entity.PropertyType, entity.PropertyName, requested);
        }
        return requested switch
        {
            ConfigPropertyTypes.EncryptedPlaceholder => null,
            null or "" => ValueCheck.Accept(null),
            _ => ValueCheck.Accept(secrets.Protect(requested, ConfigPropertyDefinition.SecretPurpose(entity.GroupName, entity.PropertyName))),
        };
    }

    private static ConfigProperty ToApi(ConfigPropertyEntity entity) => new()
    {
        GroupName = entity.GroupName,
        PropertyName = entity.PropertyName,
        PropertyValue = entity.PropertyType == ConfigPropertyTypes.EncryptedString ? ConfigPropertyTypes.EncryptedPlaceholder : entity.PropertyValue,
        PropertyType = entity.PropertyType,
        Description = entity.Description,
    };

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Config property {Group}/{Property} changed by {ChangedBy}.")]
    private static partial void LogChanged(ILogger logger, string group, string property, string changedBy);
}
