using System.Text.Json.Serialization;
using Depwatch.Server.Analysis;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's search answer: <c>{"results": {"project": […], "component": […], …}}</c>.</summary>
public sealed record SearchResultJson(SearchResultsJson Results);

/// <summary>
/// One list per kind searched; a kind not searched is left out. Kinds Depwatch does not keep (services, licences,
/// vulnerable software) are answered empty.
/// </summary>
public sealed record SearchResultsJson
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ProjectSearchHitJson>? Project { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ComponentSearchHitJson>? Component { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<VulnerabilitySearchHitJson>? Vulnerability { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? Servicecomponent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? License { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? Vulnerablesoftware { get; init; }
}

public sealed record ProjectSearchHitJson(Guid Uuid, string Name, string? Version, string? Description)
{
    internal static ProjectSearchHitJson From(ProjectHit hit) => new(hit.Id, hit.Name, hit.Version, hit.Description);
}

/// <summary>A component found, with Dependency-Track's fields and, for Depwatch, its purl and project.</summary>
public sealed record ComponentSearchHitJson(Guid Uuid, string? Group, string Name, string? Version, string? Purl, ProjectSearchHitJson Project)
{
    internal static ComponentSearchHitJson From(ComponentHit hit) =>
        new(hit.Id, hit.Group, hit.Name, hit.Version, hit.Purl, ProjectSearchHitJson.From(hit.Project));
}

public sealed record VulnerabilitySearchHitJson(Guid Uuid, string VulnId, string Source, string? Title, string? Description)
{
    internal static VulnerabilitySearchHitJson From(VulnerabilityHit hit) => new(hit.Id, hit.VulnId, hit.Source, hit.Title, hit.Description);
}
