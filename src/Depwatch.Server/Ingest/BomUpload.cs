namespace Depwatch.Server.Ingest;

/// <summary>What a client asked to upload, whichever of the two endpoints it used.</summary>
/// <param name="ProjectId">The target project, when named by UUID.</param>
/// <param name="ProjectName">The target project's name (trimmed), when named by name and version.</param>
/// <param name="ProjectVersion">Its version (trimmed); null for a project without a version.</param>
/// <param name="Tags">The project's tags, normalised; null when the upload names none.</param>
/// <param name="Bom">The CycloneDX document.</param>
internal sealed record BomUpload(
    Guid? ProjectId, string? ProjectName, string? ProjectVersion, bool AutoCreate, bool IsLatest, IReadOnlyList<string>? Tags, BomDocument Bom)
{
    /// <summary>The parent of a project this upload creates, when it names one.</summary>
    public ParentReference? Parent { get; init; }
}

/// <summary>A parent project named by UUID, or else by exact name and version (null: the project without one).</summary>
internal sealed record ParentReference(Guid? Id, string? Name, string? Version)
{
    public static ParentReference? From(Guid? id, string? name, string? version) =>
        id is null && string.IsNullOrWhiteSpace(name) ? null : new(id, name?.Trim(), string.IsNullOrWhiteSpace(version) ? null : version.Trim());
}

/// <summary>The request cannot be accepted as it is: answered with problem details and nothing is changed.</summary>
internal sealed class BomUploadRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public static BomUploadRejectedException BadRequest(string title, string detail) => new(StatusCodes.Status400BadRequest, title, detail);

    public static BomUploadRejectedException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, Endpoints.RequestLimits.TooLargeTitle, Endpoints.RequestLimits.TooLargeDetail(maxBytes));
}
