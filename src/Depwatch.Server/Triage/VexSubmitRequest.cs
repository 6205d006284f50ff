namespace Depwatch.Server.Triage;

/// <summary>The JSON body of <c>PUT /api/v1/vex</c>, as Dependency-Track defines it.</summary>
public sealed class VexSubmitRequest
{
    /// <summary>The project's UUID; when given, projectName and projectVersion are ignored.</summary>
    public Guid? Project { get; set; }

    public string? ProjectName { get; set; }

    public string? ProjectVersion { get; set; }

    /// <summary>The CycloneDX VEX (JSON or XML), Base64-encoded with padding.</summary>
    public byte[]? Vex { get; set; }
}

/// <summary>The multipart form of <c>POST /api/v1/vex</c>; <c>vex</c> is the raw document.</summary>
public sealed class VexUploadForm
{
    public string? Project { get; set; }

    public string? ProjectName { get; set; }

    public string? ProjectVersion { get; set; }

    public IFormFile? Vex { get; set; }
}

/// <summary>What a client asked to import, whichever of the two endpoints it used.</summary>
internal sealed record VexUpload(Guid? ProjectId, string? ProjectName, string? ProjectVersion, byte[] Vex);
