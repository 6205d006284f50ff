namespace Depwatch.Server.Data.Entities;

/// <summary>A project property (Dependency-Track's ProjectProperty); an ENCRYPTEDSTRING value is stored encrypted.</summary>
public sealed class ProjectPropertyEntity
{
    public Guid ProjectId { get; set; }
    public required string GroupName { get; set; }
    public required string PropertyName { get; set; }
    public string? PropertyValue { get; set; }
    public required string PropertyType { get; set; }
    public string? Description { get; set; }
}
