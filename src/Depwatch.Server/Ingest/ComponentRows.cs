using System.Text.Json;
using Depwatch.Core.Components;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Ingest;

/// <summary>How a BOM's component is stored.</summary>
internal static class ComponentRows
{
    public static ComponentEntity ToRow(Component component, string identity, Guid projectId) => new()
    {
        ProjectId = projectId,
        Identity = identity,
        BomRef = component.BomRef,
        Type = TypeName(component.Type),
        Group = component.Group,
        Name = component.Name,
        Version = component.Version,
        Purl = StoredPurl(component),
        PurlError = component.PurlError,
        PropertiesJson = PropertiesJson(component.Properties),
        LicensesJson = ComponentDetailsJson.Licenses(component.Licenses),
        HashesJson = ComponentDetailsJson.Hashes(component.Hashes),
    };

    /// <summary>The purl as stored: canonical when it parses, else as the SBOM wrote it.</summary>
    public static string? StoredPurl(Component component) => component.Purl?.ToString() ?? component.PurlText;

    /// <summary>Whether <paramref name="stored"/> already holds everything <paramref name="read"/> says.</summary>
    public static bool HasSameContent(ComponentEntity stored, ComponentEntity read) =>
        stored.BomRef == read.BomRef && stored.Type == read.Type && stored.Group == read.Group && stored.Name == read.Name
        && stored.Version == read.Version && stored.Purl == read.Purl && stored.PurlError == read.PurlError
        && stored.PropertiesJson == read.PropertiesJson && stored.LicensesJson == read.LicensesJson
        && stored.HashesJson == read.HashesJson;

    public static void CopyContent(ComponentEntity from, ComponentEntity to)
    {
        to.BomRef = from.BomRef;
        to.Type = from.Type;
        to.Group = from.Group;
        to.Name = from.Name;
        to.Version = from.Version;
        to.Purl = from.Purl;
        to.PurlError = from.PurlError;
        to.PropertiesJson = from.PropertiesJson;
        to.LicensesJson = from.LicensesJson;
        to.HashesJson = from.HashesJson;
    }

    /// <summary>Dependency-Track's name for the type, e.g. <c>OPERATING_SYSTEM</c>.</summary>
    public static string TypeName(ComponentType type) => type switch
    {
        ComponentType.Library => "LIBRARY",
        ComponentType.Application => "APPLICATION",
        ComponentType.Framework => "FRAMEWORK",
        ComponentType.Container => "CONTAINER",
        ComponentType.Platform => "PLATFORM",
        ComponentType.OperatingSystem => "OPERATING_SYSTEM",
        ComponentType.Device => "DEVICE",
        ComponentType.DeviceDriver => "DEVICE_DRIVER",
        ComponentType.Firmware => "FIRMWARE",
        ComponentType.File => "FILE",
        ComponentType.MachineLearningModel => "MACHINE_LEARNING_MODEL",
        ComponentType.Data => "DATA",
        ComponentType.CryptographicAsset => "CRYPTOGRAPHIC_ASSET",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a CycloneDX component type"),
    };

    private static string? PropertiesJson(IReadOnlyList<ComponentProperty> properties)
    {
        if (properties.Count == 0)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var property in properties)
            {
                json.WriteStartObject();
                json.WriteString("name", property.Name);
                json.WriteString("value", property.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
