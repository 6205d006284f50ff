using Depwatch.Core.Purl;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's Component object, with Depwatch's <c>bomRef</c> and purl problem.</summary>
public sealed record ComponentJson
{
    public required Guid Uuid { get; init; }
    public string? Group { get; init; }
    public required string Name { get; init; }
    public string? Version { get; init; }
    public string? Classifier { get; init; }
    public string? Purl { get; init; }
    public string? PurlCoordinates { get; init; }
    public bool IsInternal { get; init; }
    public bool ExpandDependencyGraph { get; init; }
    public ProjectRefJson? Project { get; init; }

    /// <summary>Depwatch: the component's bom-ref in the last BOM.</summary>
    public string? BomRef { get; init; }

    /// <summary>Depwatch: why the purl could not be read, so the component could not be analysed.</summary>
    public string? PurlError { get; init; }

    public static ComponentJson From(ComponentEntity component, ProjectEntity project) => new()
    {
        Uuid = component.Id,
        Group = component.Group,
        Name = component.Name,
        Version = component.Version,
        Classifier = component.Type,
        Purl = component.Purl,
        PurlCoordinates = Coordinates(component.Purl),
        Project = ProjectRefJson.From(project),
        BomRef = component.BomRef,
        PurlError = component.PurlError,
    };

    // The canonical purl up to its qualifiers: what identifies the package, whatever the distribution or file.
    private static string? Coordinates(string? purl)
    {
        if (!PackageUrl.TryParse(purl, out var parsed, out _))
        {
            return null;
        }
        var canonical = parsed.ToString();
        var end = canonical.IndexOfAny(['?', '#']);
        return end < 0 ? canonical : canonical[..end];
    }
}
