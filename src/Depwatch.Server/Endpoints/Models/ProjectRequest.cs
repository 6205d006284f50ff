using Depwatch.Server.Data;

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
    public string? Group { get; init; }
    public string? Publisher { get; init; }
    public string? Cpe { get; init; }
    public string? SwidTagId { get; init; }
    public IReadOnlyList<OrganizationalContact>? Authors { get; init; }

    /// <summary>Deprecated in Dependency-Track 4.12: one author by name, stored as the only entry of <see cref="Authors"/>.</summary>
    public string? Author { get; init; }
    public OrganizationalEntity? Supplier { get; init; }
    public OrganizationalEntity? Manufacturer { get; init; }
    public IReadOnlyList<ExternalReference>? ExternalReferences { get; init; }
    public IReadOnlyList<TagJson>? Tags { get; init; }
    public ProjectReferenceJson? Parent { get; init; }
    public bool? Active { get; init; }
    public bool? IsLatest { get; init; }
}
