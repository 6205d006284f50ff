using Depwatch.Core.Components;

namespace Depwatch.Testing.Sboms;

/// <summary>
/// Writes small CycloneDX documents for tests, as JSON or XML:
/// <c>new BomBuilder("1.6").WithOperatingSystem("debian", "12.5").WithComponent("openssl", ...).ToJson()</c>.
/// </summary>
public sealed partial class BomBuilder(string specVersion)
{
    private readonly List<BomComponentSpec> _components = [];
    private readonly List<(string Ref, string[] DependsOn)> _dependencies = [];
    private readonly List<(string? Vendor, string Name, string? Version)> _tools = [];
    private BomComponentSpec? _metadataComponent;
    private BomComponentSpec? _nestingParent;
    private BomComponentSpec? _lastComponent;
    private bool _useLegacyTools = string.CompareOrdinal(specVersion, "1.5") < 0;

    public string SpecVersion => specVersion;

    public string? SerialNumber { get; private set; } = "urn:uuid:5f1d3c1e-8a9b-4c2d-9e0f-1a2b3c4d5e6f";

    public int? Version { get; private set; } = 1;

    public BomBuilder WithSerialNumber(string? serialNumber, int? version = 1)
    {
        (SerialNumber, Version) = (serialNumber, version);
        return this;
    }

    /// <summary>Sets <c>metadata.component</c>; a following <see cref="WithNested"/> nests under it.</summary>
    public BomBuilder WithMetadataComponent(string name, string? version = null, string? purl = null,
        string? bomRef = null, string type = "application")
    {
        _metadataComponent = new BomComponentSpec { Name = name, Version = version, Purl = purl, BomRef = bomRef, Type = type };
        _nestingParent = _metadataComponent;
        return this;
    }

    /// <summary>Adds an operating-system component, as Trivy writes for the scanned image's OS.</summary>
    public BomBuilder WithOperatingSystem(string name, string version) =>
        WithComponent(name, version, bomRef: $"os:{name}@{version}", type: "operating-system");

    /// <summary>Adds a top-level component; a following <see cref="WithNested"/> nests under it.</summary>
    public BomBuilder WithComponent(string name, string? version = null, string? purl = null, string? bomRef = null,
        string? group = null, string? type = null, params ComponentProperty[] properties)
    {
        _nestingParent = _lastComponent = Spec(name, version, purl, bomRef, group, type, properties);
        _components.Add(_nestingParent);
        return this;
    }

    /// <summary>Adds a component nested in the last top-level or metadata component.</summary>
    public BomBuilder WithNested(string name, string? version = null, string? purl = null, string? bomRef = null,
        string? group = null, string? type = null, params ComponentProperty[] properties)
    {
        var parent = _nestingParent ?? throw new InvalidOperationException("WithNested needs a component before it.");
        _lastComponent = Spec(name, version, purl, bomRef, group, type, properties);
        parent.Nested.Add(_lastComponent);
        return this;
    }

    /// <summary>Gives the last component added these licenses (ids, names or expressions).</summary>
    public BomBuilder WithLicenses(params ComponentLicense[] licenses)
    {
        (_lastComponent ?? throw new InvalidOperationException("WithLicenses needs a component before it.")).Licenses.AddRange(licenses);
        return this;
    }

    /// <summary>Gives the last component added these hashes.</summary>
    public BomBuilder WithHashes(params ComponentHash[] hashes)
    {
        (_lastComponent ?? throw new InvalidOperationException("WithHashes needs a component before it.")).Hashes.AddRange(hashes);
        return this;
    }

    /// <summary>Adds a tool, written in the legacy array form before 1.5 and as a tool component from 1.5.</summary>
    public BomBuilder WithTool(string name, string? version = null, string? vendor = null)
    {
        _tools.Add((vendor, name, version));
        return this;
    }

    /// <summary>Writes tools in the legacy array form, which 1.5 and 1.6 still accept.</summary>
    public BomBuilder UseLegacyTools()
    {
        _useLegacyTools = true;
        return this;
    }

    public BomBuilder WithDependency(string bomRef, params string[] dependsOn)
    {
        _dependencies.Add((bomRef, dependsOn));
        return this;
    }

    public MemoryStream ToJsonStream() => new(System.Text.Encoding.UTF8.GetBytes(ToJson()));

    public MemoryStream ToXmlStream() => new(System.Text.Encoding.UTF8.GetBytes(ToXml()));

    private static BomComponentSpec Spec(string name, string? version, string? purl, string? bomRef, string? group,
        string? type, ComponentProperty[] properties)
    {
        return new BomComponentSpec
        {
            Name = name,
            Version = version,
            Purl = purl,
            BomRef = bomRef,
            Group = group,
            Type = type ?? "library",
            Properties = properties,
        };
    }
}
