namespace Depwatch.Server.Web.Portfolio;

/// <summary>The SBOM upload form: on the portfolio it also names the project, on a project page the project is known.</summary>
internal sealed record UploadFormView(bool AskProject, string? ProjectName, string? ProjectVersion, IReadOnlyDictionary<string, string> Errors);
