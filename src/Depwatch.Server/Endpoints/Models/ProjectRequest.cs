namespace Depwatch.Server.Endpoints.Models;

/// <summary>The fields of <c>PUT /api/v1/project</c> Depwatch keeps; the others are accepted and ignored.</summary>
public sealed record ProjectRequest
{
    public string? Name { get; init; }
    public string? Version { get; init; }
    public string? Description { get; init; }
    public string? Classifier { get; init; }
    public string? Purl { get; init; }
    public IReadOnlyList<TagJson>? Tags { get; init; }
    public ProjectReferenceJson? Parent { get; init; }
    public bool? Active { get; init; }
    public bool? IsLatest { get; init; }
}
