namespace Depwatch.Server.Data.Entities;

public sealed class ProjectEntity
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? Version { get; set; }

    /// <summary><see cref="Version"/> or "" so that (name, version) can be unique in every database.</summary>
    public string VersionKey { get; set; } = "";

    public string? Description { get; set; }
    public string Classifier { get; set; } = "APPLICATION";

    /// <summary>The project's own purl, from <c>PUT /api/v1/project</c> or its BOMs' <c>metadata.component</c>.</summary>
    public string? Purl { get; set; }
    public bool Active { get; set; } = true;

    public string? Group { get; set; }
    public string? Publisher { get; set; }
    public string? Cpe { get; set; }
    public string? SwidTagId { get; set; }

    /// <summary>
    /// The project's people, organisations and references (see <c>ProjectParties</c>), each as JSON: a list of
    /// OrganizationalContact, an OrganizationalEntity, a list of ExternalReference, and the last BOM's ProjectMetadata.
    /// </summary>
    public string? Authors { get; set; }
    public string? Supplier { get; set; }
    public string? Manufacturer { get; set; }
    public string? ExternalReferences { get; set; }
    public string? Metadata { get; set; }

    /// <summary>The project's direct dependencies as Dependency-Track's JSON string (<c>[{"uuid": …}]</c>), once the dependency graph is stored.</summary>
    public string? DirectDependencies { get; set; }

    /// <summary>The project this one belongs to; deleting a project deletes its descendants.</summary>
    public Guid? ParentId { get; set; }

    public bool IsLatest { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? LastBomImport { get; set; }
    public string? LastBomImportFormat { get; set; }

    /// <summary>The latest BOM's serial number (the UUID of <c>urn:uuid:…</c>) and version: what BOM-Links to its components name.</summary>
    public string? LastBomSerialNumber { get; set; }
    public int? LastBomVersion { get; set; }

    /// <summary>The outcome of the latest analysis: queued, running, succeeded or failed.</summary>
    public string? LastAnalysisState { get; set; }
    public DateTimeOffset? LastAnalysis { get; set; }
    public string? LastAnalysisError { get; set; }

    /// <summary>Held while one instance analyses or ingests into this project, so only one does at a time.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpires { get; set; }
}
