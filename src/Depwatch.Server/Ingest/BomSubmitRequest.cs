namespace Depwatch.Server.Ingest;

/// <summary>The JSON body of <c>PUT /api/v1/bom</c>, as Dependency-Track defines it.</summary>
public sealed class BomSubmitRequest
{
    /// <summary>The target project's UUID; when given, the name, version and auto-create fields are ignored.</summary>
    public Guid? Project { get; set; }

    public string? ProjectName { get; set; }

    public string? ProjectVersion { get; set; }

    /// <summary>The project's tags: set on a project this upload creates; replace an existing project's tags only for PORTFOLIO_MANAGEMENT.</summary>
    public List<Endpoints.Models.TagJson>? ProjectTags { get; set; }

    /// <summary>Create the project (by name and version) when it does not exist; needs PORTFOLIO_MANAGEMENT or PROJECT_CREATION_UPLOAD.</summary>
    public bool AutoCreate { get; set; }

    /// <summary>The parent of a project this upload creates; takes precedence over parentName and parentVersion.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("parentUUID")]
    public Guid? ParentUuid { get; set; }

    /// <summary>The parent of a project this upload creates, by exact name (and version; none means the project without one).</summary>
    public string? ParentName { get; set; }

    public string? ParentVersion { get; set; }

    /// <summary>Mark an auto-created project as the latest version of its name.</summary>
    public bool? IsLatest { get; set; }

    /// <summary>Dependency-Track's older name for isLatest.</summary>
    public bool? IsLatestProjectVersion { get; set; }

    /// <summary>The CycloneDX document (JSON or XML), Base64-encoded with padding.</summary>
    public byte[]? Bom { get; set; }
}

/// <summary>The multipart form of <c>POST /api/v1/bom</c>; <c>bom</c> is the raw document.</summary>
public sealed class BomUploadForm
{
    public string? Project { get; set; }

    public string? ProjectName { get; set; }

    public string? ProjectVersion { get; set; }

    public string? AutoCreate { get; set; }

    /// <summary>Comma-separated tag names.</summary>
    public string? ProjectTags { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("parentUUID")]
    public string? ParentUuid { get; set; }

    public string? ParentName { get; set; }

    public string? ParentVersion { get; set; }

    public string? IsLatest { get; set; }

    public IFormFile? Bom { get; set; }
}

/// <summary>The answer to an accepted upload: the token to follow its processing with.</summary>
public sealed record BomUploadResponse(Guid Token);
