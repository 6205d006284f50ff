using System.Text.Json;
using System.Text.Json.Serialization;

namespace Depwatch.Server.Data;

/// <summary>
/// A project's people, organisations and references, in Dependency-Track's JSON shapes, which are also how they are
/// stored (one JSON column each, as Dependency-Track stores them).
/// </summary>
public static class ProjectParties
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The stored form of <paramref name="value"/>; null for nothing or an empty list.</summary>
    public static string? Write<T>(T? value) where T : class =>
        value is null || value is System.Collections.ICollection { Count: 0 } ? null : JsonSerializer.Serialize(value, s_json);

    public static T? Read<T>(string? stored) where T : class => stored is null ? null : JsonSerializer.Deserialize<T>(stored, s_json);
}

/// <summary>A person or role: Dependency-Track's OrganizationalContact.</summary>
public sealed record OrganizationalContact(string? Name, string? Email, string? Phone);

/// <summary>An organisation: Dependency-Track's OrganizationalEntity.</summary>
public sealed record OrganizationalEntity(string? Name, IReadOnlyList<string>? Urls, IReadOnlyList<OrganizationalContact>? Contacts);

/// <summary>A link to something about the project: its CycloneDX type (e.g. <c>vcs</c>), address and comment.</summary>
public sealed record ExternalReference(string? Type, string? Url, string? Comment);

/// <summary>What the project's last BOM said about itself: Dependency-Track's ProjectMetadata.</summary>
public sealed record ProjectMetadata(OrganizationalEntity? Supplier, IReadOnlyList<OrganizationalContact>? Authors, ProjectTools? Tools);

/// <summary>The tools that made the last BOM, as Dependency-Track lists them (components with a group, name and version).</summary>
public sealed record ProjectTools(IReadOnlyList<ProjectTool> Components);

public sealed record ProjectTool(string? Group, string? Name, string? Version);
