using System.Globalization;
using Depwatch.Core.Components;

namespace Depwatch.Core.Sbom;

/// <summary>
/// Collects what the JSON and XML readers find and assembles the <see cref="Bom"/>: assigns component keys
/// in document order, enforces the component limit and bom-ref uniqueness.
/// </summary>
internal sealed class BomAssembler(CycloneDxReaderOptions options)
{
    internal const string MetadataComponentKey = "0";

    /// <summary>How deep components may nest; this bounds the readers' recursion.</summary>
    internal const int MaxNesting = 64;

    // A parent's slot is taken before its nested components are read, so that it precedes them.
    private readonly List<Component?> _components = [];
    private int _count;
    private readonly Dictionary<string, string> _bomRefLocations = new(StringComparer.Ordinal);
    private readonly List<BomDependency> _dependencies = [];
    private readonly List<BomTool> _tools = [];
    private Component? _metadataComponent;

    public StringPool Strings { get; } = new();

    /// <summary>What the document's metadata says beyond its components, as far as it was read.</summary>
    public BomMetadata Metadata { get; set; } = BomMetadata.None;

    /// <summary>Takes the next place in the inventory for a component starting at <paramref name="location"/>.</summary>
    public ComponentSlot ReserveComponent(string location)
    {
        if (_count >= options.MaxComponents)
        {
            throw new BomFormatException(
                $"the document has more than {options.MaxComponents} components, the most Depwatch reads", location);
        }
        if (options.KeepComponents)
        {
            _components.Add(null);
        }
        var index = _count++;
        return new ComponentSlot(index, (index + 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <exception cref="BomFormatException"><paramref name="nesting"/> exceeds <see cref="MaxNesting"/>.</exception>
    public static void CheckNesting(int nesting, string location)
    {
        if (nesting > MaxNesting)
        {
            throw new BomFormatException($"components are nested more than {MaxNesting} levels deep", location);
        }
    }

    public static ComponentSlot ReserveMetadataComponent() => new(ComponentSlot.MetadataIndex, MetadataComponentKey);

    public void Complete(ComponentSlot slot, ComponentDraft draft)
    {
        var component = draft.Build(slot.Key);
        options.ComponentRead?.Invoke(component);
        if (slot.Index == ComponentSlot.MetadataIndex)
        {
            _metadataComponent = component;
        }
        else if (options.KeepComponents)
        {
            _components[slot.Index] = component;
        }
    }

    /// <exception cref="BomFormatException">Another component already uses <paramref name="bomRef"/>.</exception>
    public void RegisterBomRef(string? bomRef, string location)
    {
        if (bomRef is not null && !_bomRefLocations.TryAdd(bomRef, location))
        {
            throw new BomFormatException(
                $"duplicate bom-ref '{bomRef}', first used at {_bomRefLocations[bomRef]}", location);
        }
    }

    public void AddDependency(BomDependency dependency) => _dependencies.Add(dependency);

    public void AddTool(BomTool tool) => _tools.Add(tool);

    public Bom Build(string specVersion, string? serialNumber, int? version) => new()
    {
        SpecVersion = specVersion,
        SerialNumber = serialNumber,
        Version = version,
        MetadataComponent = _metadataComponent,
        Components = _components.Select(component => component!).ToArray(),
        Dependencies = _dependencies.ToArray(),
        Tools = _tools.ToArray(),
        Metadata = Metadata,
    };
}
