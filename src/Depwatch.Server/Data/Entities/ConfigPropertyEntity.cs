namespace Depwatch.Server.Data.Entities;

/// <summary>A setting administrators change at run time, e.g. <c>scanner</c> / <c>trivy.base.url</c>.</summary>
public sealed class ConfigPropertyEntity
{
    public required string GroupName { get; set; }
    public required string PropertyName { get; set; }

    /// <summary>The value; for ENCRYPTEDSTRING properties, the ciphertext.</summary>
    public string? PropertyValue { get; set; }

    public required string PropertyType { get; set; }
    public string? Description { get; set; }
}
