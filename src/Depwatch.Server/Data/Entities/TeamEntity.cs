namespace Depwatch.Server.Data.Entities;

/// <summary>A team holds permissions; its API keys act with them (as in Dependency-Track).</summary>
public sealed class TeamEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Permission names, comma-separated.</summary>
    public string Permissions { get; set; } = "";
}
