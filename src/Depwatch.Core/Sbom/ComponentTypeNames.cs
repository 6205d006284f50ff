using Depwatch.Core.Components;

namespace Depwatch.Core.Sbom;

/// <summary>Maps CycloneDX component type names (1.2 to 1.6) to <see cref="ComponentType"/>.</summary>
internal static class ComponentTypeNames
{
    private static readonly Dictionary<string, ComponentType> s_types = new(StringComparer.Ordinal)
    {
        ["application"] = ComponentType.Application,
        ["framework"] = ComponentType.Framework,
        ["library"] = ComponentType.Library,
        ["container"] = ComponentType.Container,
        ["platform"] = ComponentType.Platform,
        ["operating-system"] = ComponentType.OperatingSystem,
        ["device"] = ComponentType.Device,
        ["device-driver"] = ComponentType.DeviceDriver,
        ["firmware"] = ComponentType.Firmware,
        ["file"] = ComponentType.File,
        ["machine-learning-model"] = ComponentType.MachineLearningModel,
        ["data"] = ComponentType.Data,
        ["cryptographic-asset"] = ComponentType.CryptographicAsset,
    };

    /// <exception cref="BomFormatException">The name is not a CycloneDX component type.</exception>
    public static ComponentType Parse(string name, string location) =>
        s_types.TryGetValue(name, out var type)
            ? type
            : throw new BomFormatException($"unknown component type '{name}'", location);
}
