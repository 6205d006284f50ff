using System.Security.Claims;
using Depwatch.Server.Data;
using Depwatch.Server.Ingest;
using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>What became of an upload through the form: the project and token to follow, or messages by form field.</summary>
internal sealed record WebUploadResult(Guid? ProjectId, Guid? Token, IReadOnlyDictionary<string, string> Errors)
{
    public static WebUploadResult Refused(string field, string error) => new(null, null, new Dictionary<string, string> { [field] = error });
}

/// <summary>The upload form's way into the same acceptance the REST API's BOM upload goes through.</summary>
internal sealed class WebBomUpload(
    BomUploads uploads, BomMemoryBudget budget, IDbContextFactory<DepwatchDbContext> contexts, IOptions<DepwatchOptions> options)
{
    private const int MaxNameLength = StoredText.MaxIndexedLength;

    /// <param name="projectId">The project page's project; null on the portfolio, where the name (and version) say which, created if need be.</param>
    public async Task<WebUploadResult> UploadAsync(
        Guid? projectId, string? projectName, string? projectVersion, IFormFile? file, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = projectName?.Trim();
        var version = string.IsNullOrWhiteSpace(projectVersion) ? null : projectVersion.Trim();
        if (projectId is null && (string.IsNullOrEmpty(name) || StoredText.IndexedProblem(name) is not null))
        {
            return WebUploadResult.Refused("ProjectName", $"Enter the project's name (at most {MaxNameLength} characters), such as the application the SBOM describes.");
        }
        if (projectId is null && version is not null && StoredText.IndexedProblem(version) is { } versionProblem)
        {
            return WebUploadResult.Refused("ProjectVersion", $"The version {versionProblem}.");
        }
        if (file is not { Length: > 0 })
        {
            return WebUploadResult.Refused("Bom", "Choose a CycloneDX SBOM file (JSON or XML) to upload.");
        }
        if (file.Length > options.Value.MaxRequestBytes)
        {
            return WebUploadResult.Refused("Bom", $"The file is larger than the {options.Value.MaxRequestBytes / (1024 * 1024)} MB this server accepts.");
        }
        using var share = await budget.TryEnterAsync(BomMemoryBudget.ForStreamedUpload(file.Length), options.Value.UploadWait, cancellationToken);
        if (share is null)
        {
            return WebUploadResult.Refused("Bom", "Other uploads take all the memory this server gives SBOMs at the moment. Nothing was stored; upload the file again in a few seconds.");
        }
        await using var content = file.OpenReadStream();
        var upload = new BomUpload(projectId, projectId is null ? name : null, projectId is null ? version : null,
            AutoCreate: projectId is null, IsLatest: false, Tags: null, await BomPayload.ReadAsync(content, cancellationToken));
        return await uploads.AcceptAsync(upload, user, cancellationToken) switch
        {
            UploadOutcome.Accepted accepted => new WebUploadResult(
                projectId ?? await FindProjectAsync(name!, version, cancellationToken), accepted.Token, new Dictionary<string, string>()),
            UploadOutcome.InvalidBom invalid => WebUploadResult.Refused("Bom",
                $"This file is not a CycloneDX SBOM Depwatch can read: {invalid.Error.Problem} (at {invalid.Error.Location}). Nothing was stored; fix the file and upload it again."),
            UploadOutcome.CreationNotPermitted => WebUploadResult.Refused("ProjectName",
                "No project has this name and version, and your user may not create projects (it needs PROJECT_CREATION_UPLOAD). Pick an existing project or ask an administrator."),
            _ => WebUploadResult.Refused("Bom", "The project no longer exists; it may have been deleted a moment ago."),
        };
    }

    private async Task<Guid?> FindProjectAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var versionKey = version ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.Where(p => p.Name == name && p.VersionKey == versionKey).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
