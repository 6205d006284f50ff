namespace Depwatch.Server.Configuration;

/// <summary>
/// A config property as the API shows it (Dependency-Track's shape). ENCRYPTEDSTRING values read as
/// <see cref="ConfigPropertyTypes.EncryptedPlaceholder"/>. In update requests only the names and the value count.
/// </summary>
public sealed record ConfigProperty
{
    public string? GroupName { get; init; }
    public string? PropertyName { get; init; }
    public string? PropertyValue { get; init; }
    public string? PropertyType { get; init; }
    public string? Description { get; init; }
}
