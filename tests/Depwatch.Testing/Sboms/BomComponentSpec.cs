using Depwatch.Core.Components;

namespace Depwatch.Testing.Sboms;

/// <summary>A component as <see cref="BomBuilder"/> writes it, with the CycloneDX type name.</summary>
public sealed class BomComponentSpec
{
    public required string Name { get; init; }

    public string? Version { get; init; }

    public string? Purl { get; init; }

    public string? BomRef { get; init; }

    public string? Group { get; init; }

    public string Type { get; init; } = "library";

    public IReadOnlyList<ComponentProperty> Properties { get; init; } = [];

    public List<BomComponentSpec> Nested { get; } = [];

    public List<ComponentLicense> Licenses { get; } = [];

    public List<ComponentHash> Hashes { get; } = [];
}
