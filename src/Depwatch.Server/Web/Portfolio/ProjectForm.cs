using Depwatch.Server.Configuration;
using Depwatch.Server.Endpoints.Models;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>
/// The project form's fields: the one place a project field is added to the UI (here, and its input in
/// <c>_ProjectFields.cshtml</c>). Sent to the API as a full update, so every field the API keeps must be here.
/// </summary>
internal sealed class ProjectForm
{
    public string? Name { get; set; }
    public string? Version { get; set; }
    public string? Description { get; set; }
    public string Classifier { get; set; } = "APPLICATION";
    public string? Purl { get; set; }

    /// <summary>Comma-separated, as typed.</summary>
    public string? Tags { get; set; }
    public Guid? Parent { get; set; }
    public bool Active { get; set; } = true;
    public bool IsLatest { get; set; }

    public static ProjectForm From(ProjectJson project) => new()
    {
        Name = project.Name,
        Version = project.Version,
        Description = project.Description,
        Classifier = project.Classifier ?? "APPLICATION",
        Purl = project.Purl,
        Tags = string.Join(", ", project.Tags.Select(t => t.Name)),
        Parent = project.Parent?.Uuid,
        Active = project.Active,
        IsLatest = project.IsLatest,
    };

    public ProjectRequest ToRequest(Guid? uuid) => new()
    {
        Uuid = uuid,
        Name = Name ?? "",
        Version = Version,
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description,
        Classifier = Classifier,
        Purl = Purl,
        Tags = [.. (Tags ?? "").Split(',').Select(t => new TagJson(t))],
        Parent = Parent is { } parent ? new ProjectReferenceJson(parent) : null,
        Active = Active,
        IsLatest = IsLatest,
    };

    /// <summary>The form field an API error belongs to, e.g. <c>parent.uuid</c> → <c>Form.Parent</c>.</summary>
    public static string FieldOf(FieldError error) => "Form." + error.Path switch
    {
        "parent.uuid" => nameof(Parent),
        var path => char.ToUpperInvariant(path[0]) + path[1..],
    };
}
