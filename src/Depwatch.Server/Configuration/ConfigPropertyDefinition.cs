namespace Depwatch.Server.Configuration;

/// <summary>A config property Depwatch knows, created with its default value at start-up when absent.</summary>
public sealed record ConfigPropertyDefinition(string GroupName, string PropertyName, string PropertyType, string? DefaultValue, string Description)
{
    /// <summary>What an encrypted value is bound to, so it cannot be decrypted as another property.</summary>
    public static string SecretPurpose(string groupName, string propertyName) => $"{groupName}/{propertyName}";
}
