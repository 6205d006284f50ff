namespace Depwatch.Server.Data.Entities;

/// <summary>An API key: only its public id and a hash of its secret are stored.</summary>
public sealed class ApiKeyEntity
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public required string PublicId { get; set; }
    public required string SecretHash { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? LastUsed { get; set; }
}
