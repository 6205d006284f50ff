using System.Globalization;
using Depwatch.Server.Analysis;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
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
    public string? Group { get; init; }
    public string? Publisher { get; init; }
    public string? Cpe { get; init; }
    public string? SwidTagId { get; init; }
    public IReadOnlyList<OrganizationalContact>? Authors { get; init; }

    /// <summary>Deprecated in Dependency-Track 4.12: the authors' names, joined by ", "; absent without authors.</summary>
    public string? Author => Authors is { Count: > 0 } authors && string.Join(", ", authors.Select(a => a.Name).OfType<string>()) is { Length: > 0 } names
        ? names
        : null;
    public OrganizationalEntity? Supplier { get; init; }
    public OrganizationalEntity? Manufacturer { get; init; }
    public IReadOnlyList<ExternalReference>? ExternalReferences { get; init; }

    /// <summary>The last BOM's authors, supplier and tools.</summary>
    public ProjectMetadata? Metadata { get; init; }

    /// <summary>A JSON string, as in Dependency-Track: the project's direct dependencies, once the dependency graph is stored.</summary>
    public string? DirectDependencies { get; init; }
    public IReadOnlyList<TagJson> Tags { get; init; } = [];

    /// <summary>The project's properties (encrypted values as the placeholder); only on the single-project answers.</summary>
    public IReadOnlyList<ConfigProperty>? Properties { get; init; }
    public ProjectParentJson? Parent { get; init; }

    /// <summary>The project's children.</summary>
    public IReadOnlyList<ProjectRefJson>? Children { get; init; }
    public bool Active { get; init; }
    public bool IsLatest { get; init; }
    public string CollectionLogic { get; init; } = "NONE";
    public long? LastBomImport { get; init; }

    /// <summary>The last import as a local date and time in UTC (<c>2026-12-03T10:15:30</c>), as the Jenkins plugin reads it.</summary>
    public string? LastBomImportStr { get; init; }
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
        Group = project.Group,
        Publisher = project.Publisher,
        Cpe = project.Cpe,
        SwidTagId = project.SwidTagId,
        Authors = ProjectParties.Read<List<OrganizationalContact>>(project.Authors),
        Supplier = ProjectParties.Read<OrganizationalEntity>(project.Supplier),
        Manufacturer = ProjectParties.Read<OrganizationalEntity>(project.Manufacturer),
        ExternalReferences = ProjectParties.Read<List<ExternalReference>>(project.ExternalReferences),
        Metadata = ProjectParties.Read<ProjectMetadata>(project.Metadata),
        DirectDependencies = project.DirectDependencies,
        Tags = [.. tags.Select(t => new TagJson(t))],
        Active = project.Active,
        IsLatest = project.IsLatest,
        LastBomImport = project.LastBomImport?.ToUnixTimeMilliseconds(),
        LastBomImportStr = project.LastBomImport?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
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
