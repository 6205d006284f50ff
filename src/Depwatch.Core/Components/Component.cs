using Depwatch.Core.Purl;

namespace Depwatch.Core.Components;

/// <summary>
/// One entry of a project's inventory, as read from an SBOM or from storage.
/// </summary>
public sealed class Component
{
    /// <summary>Depwatch's key for the component, unique within one inventory; results are attributed by it.</summary>
    public required string Key { get; init; }

    public string? BomRef { get; init; }

    public ComponentType Type { get; init; } = ComponentType.Library;

    public string? Group { get; init; }

    public required string Name { get; init; }

    public string? Version { get; init; }

    /// <summary>The purl exactly as the SBOM wrote it.</summary>
    public string? PurlText { get; init; }

    /// <summary>The parsed purl; null when the SBOM gave none or gave an invalid one.</summary>
    public PackageUrl? Purl { get; init; }

    /// <summary>Why <see cref="PurlText"/> could not be parsed, when it could not.</summary>
    public string? PurlError { get; init; }

    public IReadOnlyList<ComponentProperty> Properties { get; init; } = [];

    public IReadOnlyList<ComponentLicense> Licenses { get; init; } = [];

    public IReadOnlyList<ComponentHash> Hashes { get; init; } = [];

    /// <summary>Where the component stands in its document, e.g. <c>$.components[3].components[0]</c>.</summary>
    public string? Location { get; init; }

    /// <summary>The value of the first property with this name, or null.</summary>
    public string? Property(string name)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property.Value;
            }
        }
        return null;
    }

    public override string ToString() =>
        PurlText ?? (Group is null ? $"{Name}@{Version}" : $"{Group}/{Name}@{Version}");
}
