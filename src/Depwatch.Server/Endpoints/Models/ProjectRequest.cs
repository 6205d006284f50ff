namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// The fields of <c>PUT</c>, <c>POST</c> and <c>PATCH /api/v1/project</c> Depwatch keeps; the others are accepted and
/// ignored. <see cref="Uuid"/> names the project a <c>POST</c> (full update) replaces.
/// </summary>
public sealed record ProjectRequest
{
    public Guid? Uuid { get; init; }
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
