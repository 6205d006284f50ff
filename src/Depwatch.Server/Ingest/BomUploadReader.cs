using System.Text;
using System.Text.Json;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Depwatch.Server.Ingest;

/// <summary>Reads the two forms of BOM upload into a <see cref="BomUpload"/>, never reading more than the size limit.</summary>
internal static class BomUploadReader
{
    private const string InvalidRequest = "The upload request is invalid";

    private static readonly JsonSerializerOptions s_json = new JsonSerializerOptions(JsonSerializerDefaults.Web).Tolerant();

    /// <summary>Reads <c>PUT /api/v1/bom</c>: a <see cref="BomSubmitRequest"/> with the BOM in Base64.</summary>
    /// <exception cref="BomUploadRejectedException">The body is too large, not the expected JSON, or misses a field.</exception>
    public static async Task<BomUpload> ReadJsonAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var submitted = await ReadJsonBodyAsync<BomSubmitRequest>(request, maxBytes, "bom", "BOM", cancellationToken);
        return Complete(
            submitted.Project, submitted.ProjectName, submitted.ProjectVersion, submitted.AutoCreate,
            submitted.IsLatest ?? submitted.IsLatestProjectVersion ?? false, submitted.ProjectTags?.Select(t => t.Name),
            submitted.Bom is { } bom ? new BomDocument.Sent(bom) : null)
            with { Parent = Parent(submitted.ParentUuid, submitted.ParentName, submitted.ParentVersion) };
    }

    /// <summary>Reads <c>POST /api/v1/bom</c>: form fields and the raw BOM as the (first) <c>bom</c> part.</summary>
    /// <exception cref="BomUploadRejectedException">The body is too large, not multipart form data, or misses a field.</exception>
    public static async Task<BomUpload> ReadMultipartAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // Nearly the whole body: checked and compressed as it arrives, never whole in memory.
        var (fields, bom) = await ReadFormAsync(request, maxBytes, "bom", BomPayload.ReadAsync, cancellationToken);
        return Complete(
            ParseUuid("project", fields.GetValueOrDefault("project")), fields.GetValueOrDefault("projectName"), fields.GetValueOrDefault("projectVersion"),
            IsTrue(fields.GetValueOrDefault("autoCreate")), IsTrue(fields.GetValueOrDefault("isLatest")),
            fields.GetValueOrDefault("projectTags")?.Split(','), bom)
            with
            {
                Parent = Parent(
                    ParseUuid("parentUUID", fields.GetValueOrDefault("parentUUID")), fields.GetValueOrDefault("parentName"), fields.GetValueOrDefault("parentVersion")),
            };
    }

    /// <summary>Reads a JSON body of Dependency-Track's upload shape, whose <paramref name="base64Field"/> carries the document.</summary>
    /// <exception cref="BomUploadRejectedException">The body is too large, not the expected JSON, or the document not Base64.</exception>
    internal static async Task<T> ReadJsonBodyAsync<T>(HttpRequest request, long maxBytes, string base64Field, string document, CancellationToken cancellationToken)
        where T : class
    {
        T? submitted;
        try
        {
            submitted = await ReadBodyAsync(request, maxBytes, body => JsonSerializer.DeserializeAsync<T>(body, s_json, cancellationToken).AsTask());
        }
        catch (JsonException e) when (e.Path == $"$.{base64Field}" && e.InnerException is FormatException or InvalidOperationException)
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest,
                $"The {base64Field} field is not valid Base64: encode the {document} document with standard Base64, with padding and no line breaks.");
        }
        catch (JsonException e)
        {
            // A converter's own message does not say where; the serializer's messages do ("Path: $.x").
            var detail = e.Path is null || e.Message.Contains("Path:", StringComparison.Ordinal) ? e.Message : $"{e.Message} Path: {e.Path}.";
            throw BomUploadRejectedException.BadRequest("The provided JSON payload could not be mapped", detail);
        }
        return submitted ?? throw BomUploadRejectedException.BadRequest(
            InvalidRequest, $"The request body must be a JSON object with the fields project or projectName, and {base64Field}.");
    }

    /// <summary>
    /// Reads a multipart form's plain fields (the first of each name) and the first part named <paramref name="fileField"/>,
    /// which <paramref name="readFile"/> reads as it arrives.
    /// </summary>
    /// <exception cref="BomUploadRejectedException">The body is too large or not multipart form data.</exception>
    internal static async Task<(Dictionary<string, string> Fields, TFile? File)> ReadFormAsync<TFile>(
        HttpRequest request, long maxBytes, string fileField, Func<Stream, CancellationToken, Task<TFile>> readFile, CancellationToken cancellationToken)
        where TFile : class
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            ? HeaderUtilities.RemoveQuotes(contentType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest, "The request must be multipart/form-data with a boundary.");
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        TFile? file = null;
        try
        {
            await ReadBodyAsync(request, maxBytes, async body =>
            {
                var reader = new MultipartReader(boundary, body);
                while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
                {
                    var name = FormFieldName(section);
                    if (name == fileField)
                    {
                        file ??= await readFile(section.Body, cancellationToken);
                    }
                    else if (name is not null && !fields.ContainsKey(name))
                    {
                        using var field = new StreamReader(section.Body, Encoding.UTF8);
                        fields[name] = await field.ReadToEndAsync(cancellationToken);
                    }
                }
                return true;
            });
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest, $"The multipart form data could not be read: {e.Message}");
        }
        return (fields, file);
    }

    /// <summary>Reads a part or body whole, for documents small enough to hold (a VEX).</summary>
    internal static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    // The body is limited to MaxRequestBytes for every endpoint (RequestLimits); here the excess becomes this endpoint's answer.
    private static async Task<T> ReadBodyAsync<T>(HttpRequest request, long maxBytes, Func<Stream, Task<T>> read)
    {
        try
        {
            return await read(request.Body);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw BomUploadRejectedException.TooLarge(maxBytes);
        }
    }

    private static BomUpload Complete(
        Guid? projectId, string? projectName, string? projectVersion, bool autoCreate, bool isLatest, IEnumerable<string?>? tagNames,
        BomDocument? bom)
    {
        if (bom is null || bom.IsEmpty)
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest, "The bom field is missing or empty: send the CycloneDX document (JSON or XML).");
        }
        var name = projectName?.Trim();
        if (projectId is null && string.IsNullOrEmpty(name))
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest, "Name the target project: either project (its UUID) or projectName (and projectVersion).");
        }
        var tags = tagNames is null ? null : Data.ProjectTags.Normalize(tagNames);
        if (tags is not null && Data.ProjectTags.Problem(tags) is { } tagProblem)
        {
            throw BomUploadRejectedException.BadRequest(InvalidRequest, $"projectTags: {tagProblem}");
        }
        var version = projectVersion?.Trim();
        return new BomUpload(
            projectId, Indexed("projectName", name), Indexed("projectVersion", string.IsNullOrEmpty(version) ? null : version),
            autoCreate, isLatest, tags is { Count: > 0 } ? tags : null, bom);
    }

    /// <summary>A parent named by name and version, checked as the project's own are.</summary>
    private static ParentReference? Parent(Guid? id, string? name, string? version) =>
        ParentReference.From(id, name, version) is { } parent
            ? parent with { Name = Indexed("parentName", parent.Name), Version = Indexed("parentVersion", parent.Version) }
            : null;

    /// <summary>A name or version as it is stored and indexed; refused naming the field when it cannot be.</summary>
    private static string? Indexed(string field, string? value) =>
        value is not null && StoredText.IndexedProblem(value) is { } problem
            ? throw BomUploadRejectedException.BadRequest(InvalidRequest, $"The {field} {problem}.")
            : value;

    /// <summary>The part's field name, whether it is a plain field or a file.</summary>
    private static string? FormFieldName(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
        && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
            : null;

    internal static Guid? ParseUuid(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return Guid.TryParse(value.Trim(), out var id)
            ? id
            : throw BomUploadRejectedException.BadRequest("Illegal argument provided", $"The {field} field '{value}' is not a UUID.");
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
