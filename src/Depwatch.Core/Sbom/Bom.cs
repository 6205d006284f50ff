using Depwatch.Core.Components;

namespace Depwatch.Core.Sbom;

/// <summary>A CycloneDX document as Depwatch needs it: its components, flattened, and their relationships.</summary>
public sealed class Bom
{
    public required string SpecVersion { get; init; }

    public string? SerialNumber { get; init; }

    public int? Version { get; init; }

    /// <summary>The component the SBOM describes (<c>metadata.component</c>).</summary>
    public Component? MetadataComponent { get; init; }

    /// <summary>Every component of the document, nested ones included, in document order; none when read without keeping them.</summary>
    public required IReadOnlyList<Component> Components { get; init; }

    public IReadOnlyList<BomDependency> Dependencies { get; init; } = [];

    public IReadOnlyList<BomTool> Tools { get; init; } = [];

    /// <summary>The metadata's authors, supplier and manufacturer, and what <c>metadata.component</c> says about the project.</summary>
    public BomMetadata Metadata { get; init; } = BomMetadata.None;
}
