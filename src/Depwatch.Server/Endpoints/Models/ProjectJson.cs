using Depwatch.Server.Analysis;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>Dependency-Track's Project object, plus the outcome of Depwatch's last analysis of it.</summary>
public sealed record ProjectJson
{
    public required Guid Uuid { get; init; }
    public required string Name { get; init; }
    public string? Version { get; init; }
    public string? Description { get; init; }
    public string? Classifier { get; init; }
    public string? Purl { get; init; }
    public IReadOnlyList<TagJson> Tags { get; init; } = [];
    public ProjectParentJson? Parent { get; init; }

    /// <summary>The project's children; only on the single-project answers.</summary>
    public IReadOnlyList<ProjectRefJson>? Children { get; init; }
    public bool Active { get; init; }
    public bool IsLatest { get; init; }
    public string CollectionLogic { get; init; } = "NONE";
    public long? LastBomImport { get; init; }
    public string? LastBomImportFormat { get; init; }
    public long? LastVulnerabilityAnalysis { get; init; }
    public double? LastInheritedRiskScore { get; init; }
    public MetricsJson? Metrics { get; init; }
    public IReadOnlyList<ProjectVersionJson>? Versions { get; init; }

    /// <summary>Depwatch: <c>RUNNING</c>, <c>SUCCEEDED</c>, <c>FAILED</c> or <c>SKIPPED</c>; absent before the first analysis.</summary>
    public string? LastAnalysisState { get; init; }

    /// <summary>Depwatch: why the last analysis failed or was skipped.</summary>
    public string? LastAnalysisError { get; init; }

    public static ProjectJson From(
        ProjectEntity project, IReadOnlyList<string> tags, FindingMetrics? metrics = null, IReadOnlyList<ProjectVersionJson>? versions = null) => new()
    {
        Uuid = project.Id,
        Name = project.Name,
        Version = project.Version,
        Description = project.Description,
        Classifier = project.Classifier,
        Purl = project.Purl,
        Tags = [.. tags.Select(t => new TagJson(t))],
        Active = project.Active,
        IsLatest = project.IsLatest,
        LastBomImport = project.LastBomImport?.ToUnixTimeMilliseconds(),
        LastBomImportFormat = project.LastBomImportFormat,
        LastVulnerabilityAnalysis = project.LastAnalysis?.ToUnixTimeMilliseconds(),
        LastInheritedRiskScore = metrics?.InheritedRiskScore,
        Metrics = metrics is null ? null : MetricsJson.ForProject(metrics, MetricsAsOf(project)),
        Versions = versions,
        LastAnalysisState = project.LastAnalysisState,
        LastAnalysisError = project.LastAnalysisError,
    };

    /// <summary>Metrics follow the last analysis, or the inventory when it changed since.</summary>
    public static DateTimeOffset MetricsAsOf(ProjectEntity project) =>
        new[] { project.LastAnalysis, project.LastBomImport }.Max() ?? project.Created;
}

/// <summary>One entry of a project's <c>versions</c>: every project of the same name.</summary>
public sealed record ProjectVersionJson(Guid Uuid, string? Version, bool Active);

/// <summary>The project as a component or vulnerability names it.</summary>
public sealed record ProjectRefJson(Guid Uuid, string Name, string? Version, bool Active, bool IsLatest)
{
    public string CollectionLogic => "NONE";

    public static ProjectRefJson From(ProjectEntity project) => new(project.Id, project.Name, project.Version, project.Active, project.IsLatest);
}

/// <summary>A project's parent as Dependency-Track shows it: name, version and UUID only.</summary>
public sealed record ProjectParentJson(string Name, string? Version, Guid Uuid)
{
    public static ProjectParentJson From(ProjectEntity parent) => new(parent.Name, parent.Version, parent.Id);
}

/// <summary>A reference to another project in a request, e.g. <c>"parent": {"uuid": "…"}</c>.</summary>
public sealed record ProjectReferenceJson(Guid? Uuid);

/// <summary>A tag as Dependency-Track writes and reads it: <c>{"name": "team-a"}</c>.</summary>
public sealed record TagJson(string? Name);
