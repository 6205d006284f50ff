using Depwatch.Server.Configuration;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Secrets;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Data;

/// <summary>
/// A project's properties: their values checked by type as config properties are, ENCRYPTEDSTRING values encrypted
/// for their project, group and name, and never read back out (they read as the placeholder).
/// </summary>
public static class ProjectProperties
{
    public const string Exists = "A property with the specified project/group/name combination already exists.";
    public const string NotFoundForUpdate = "A property with the specified project/group/name combination could not be found.";
    public const string NotFoundForDelete = "The project property could not be found.";

    public static readonly IReadOnlyList<string> Types =
    [
        ConfigPropertyTypes.Boolean, ConfigPropertyTypes.Integer, ConfigPropertyTypes.Number, ConfigPropertyTypes.String,
        ConfigPropertyTypes.EncryptedString, ConfigPropertyTypes.Timestamp, ConfigPropertyTypes.Url, ConfigPropertyTypes.Uuid,
    ];

    /// <summary>The project's properties by group and name, as the API shows them.</summary>
    public static async Task<List<ConfigProperty>> ListAsync(DepwatchDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var rows = await db.ProjectProperties.AsNoTracking().Where(p => p.ProjectId == projectId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(p => p.GroupName, StringComparer.Ordinal).ThenBy(p => p.PropertyName, StringComparer.Ordinal).Select(ToApi)];
    }

    public static Task<ProjectPropertyEntity?> FindAsync(
        DepwatchDbContext db, Guid projectId, string groupName, string propertyName, CancellationToken cancellationToken) =>
        db.ProjectProperties.FirstOrDefaultAsync(
            p => p.ProjectId == projectId && p.GroupName == groupName && p.PropertyName == propertyName, cancellationToken);

    /// <summary>The value to store for <paramref name="requested"/>, or why it does not fit; null for the placeholder (keep the value).</summary>
    public static ValueCheck? StoredValue(SecretProtector secrets, ProjectPropertyEntity property, string? requested)
    {
        if (property.PropertyType != ConfigPropertyTypes.EncryptedString)
        {
            return ConfigPropertyValues.Check(property.PropertyType, property.PropertyName, requested);
        }
        return requested switch
        {
            ConfigPropertyTypes.EncryptedPlaceholder => null,
            null or "" => ValueCheck.Accept(null),
            _ => ValueCheck.Accept(secrets.Protect(requested, SecretPurpose(property))),
        };
    }

    /// <summary>The plain value of an ENCRYPTEDSTRING property, for Depwatch's own use; never for an API answer.</summary>
    public static string? Decrypt(SecretProtector secrets, ProjectPropertyEntity property) =>
        property.PropertyValue is { } value && property.PropertyType == ConfigPropertyTypes.EncryptedString
            ? secrets.Unprotect(value, SecretPurpose(property))
            : property.PropertyValue;

    public static ConfigProperty ToApi(ProjectPropertyEntity property) => new()
    {
        GroupName = property.GroupName,
        PropertyName = property.PropertyName,
        PropertyValue = property.PropertyType == ConfigPropertyTypes.EncryptedString && property.PropertyValue is not null
            ? ConfigPropertyTypes.EncryptedPlaceholder
            : property.PropertyValue,
        PropertyType = property.PropertyType,
        Description = property.Description,
    };

    /// <summary>What an encrypted value is bound to: it cannot be decrypted as another project's or another property's.</summary>
    private static string SecretPurpose(ProjectPropertyEntity property) =>
        $"project/{property.ProjectId:D}/{property.GroupName}/{property.PropertyName}";
}
