namespace Depwatch.Server.Data.Entities;

/// <summary>One tag of a project; tag names are trimmed and lower-case (<see cref="ProjectTags.Normalize(string)"/>).</summary>
public sealed class ProjectTagEntity
{
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
}
