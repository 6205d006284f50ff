using Depwatch.Server.Ingest;

namespace Depwatch.Server.Triage;

/// <summary>Reads the two forms of VEX upload, under the same size limit as BOM uploads.</summary>
internal static class VexUploadReader
{
    private const string InvalidRequest = "The VEX upload request is invalid";

    /// <exception cref="BomUploadRejectedException">The body is too large, not the expected JSON, or misses a field.</exception>
    public static async Task<VexUpload> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var submitted = await BomUploadReader.ReadJsonBodyAsync<VexSubmitRequest>(request, maxBytes, "vex", "VEX", cancellationToken);
        return Complete(submitted.Project, submitted.ProjectName, submitted.ProjectVersion, submitted.Vex);
    }

    /// <exception cref="BomUploadRejectedException">The body is too large, not multipart form data, or misses a field.</exception>
    public static async Task<VexUpload> ReadMultipartAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var (fields, vex) = await BomUploadReader.ReadFormAsync(request, maxBytes, "vex", BomUploadReader.ReadAllAsync, cancellationToken);
        return Complete(BomUploadReader.ParseUuid("project", fields.GetValueOrDefault("project")), fields.GetValueOrDefault("projectName"),
            fields.GetValueOrDefault("projectVersion"), vex);
    }

    private static VexUpload Complete(Guid? projectId, string? projectName, string? projectVersion, byte[]? vex)
    {
        if (vex is not { Length: > 0 })
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest, "The vex field is missing or empty: send the CycloneDX VEX document (JSON or XML).");
        }
        var name = projectName?.Trim();
        if (projectId is null && string.IsNullOrEmpty(name))
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest, "Name the target project: either project (its UUID) or projectName (and projectVersion).");
        }
        var version = projectVersion?.Trim();
        return new VexUpload(projectId, name, string.IsNullOrEmpty(version) ? null : version, vex);
    }
}
