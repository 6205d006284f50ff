using System.Text;
using System.Text.Json;
using Depwatch.Core.Components;

namespace Depwatch.Testing.Sboms;

public sealed partial class BomBuilder
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true };

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_indented))
        {
            json.WriteStartObject();
            json.WriteString("bomFormat", "CycloneDX");
            json.WriteString("specVersion", specVersion);
            WriteOptional(json, "serialNumber", SerialNumber);
            if (Version is { } version)
            {
                json.WriteNumber("version", version);
            }
            WriteJsonMetadata(json);
            WriteJsonComponents(json, "components", _components);
            WriteJsonDependencies(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteJsonMetadata(Utf8JsonWriter json)
    {
        json.WriteStartObject("metadata");
        json.WriteString("timestamp", "2024-05-01T12:00:00Z");
        if (_tools.Count > 0)
        {
            WriteJsonTools(json);
        }
        if (_metadataComponent is not null)
        {
            json.WritePropertyName("component");
            WriteJsonComponent(json, _metadataComponent);
        }
        json.WriteEndObject();
    }

    private void WriteJsonTools(Utf8JsonWriter json)
    {
        if (_useLegacyTools)
        {
            json.WriteStartArray("tools");
        }
        else
        {
            json.WriteStartObject("tools");
            json.WriteStartArray("components");
        }
        foreach (var (vendor, name, version) in _tools)
        {
            json.WriteStartObject();
            if (!_useLegacyTools)
            {
                json.WriteString("type", "application");
            }
            WriteOptional(json, _useLegacyTools ? "vendor" : "group", vendor);
            json.WriteString("name", name);
            WriteOptional(json, "version", version);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (!_useLegacyTools)
        {
            json.WriteEndObject();
        }
    }

    private static void WriteJsonComponents(Utf8JsonWriter json, string name, List<BomComponentSpec> components)
    {
        if (components.Count == 0)
        {
            return;
        }
        json.WriteStartArray(name);
        components.ForEach(component => WriteJsonComponent(json, component));
        json.WriteEndArray();
    }

    private static void WriteJsonComponent(Utf8JsonWriter json, BomComponentSpec component)
    {
        json.WriteStartObject();
        WriteOptional(json, "bom-ref", component.BomRef);
        json.WriteString("type", component.Type);
        WriteOptional(json, "group", component.Group);
        json.WriteString("name", component.Name);
        WriteOptional(json, "version", component.Version);
        WriteOptional(json, "purl", component.Purl);
        WriteJsonLicenses(json, component.Licenses);
        WriteJsonHashes(json, component.Hashes);
        if (component.Properties.Count > 0)
        {
            json.WriteStartArray("properties");
            foreach (var property in component.Properties)
            {
                json.WriteStartObject();
                json.WriteString("name", property.Name);
                json.WriteString("value", property.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        WriteJsonComponents(json, "components", component.Nested);
        json.WriteEndObject();
    }

    private static void WriteJsonLicenses(Utf8JsonWriter json, List<ComponentLicense> licenses)
    {
        if (licenses.Count == 0)
        {
            return;
        }
        json.WriteStartArray("licenses");
        foreach (var license in licenses)
        {
            json.WriteStartObject();
            if (license.Expression is { } expression)
            {
                json.WriteString("expression", expression);
            }
            else
            {
                json.WriteStartObject("license");
                json.WriteString(license.Id is null ? "name" : "id", license.Id ?? license.Name);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteJsonHashes(Utf8JsonWriter json, List<ComponentHash> hashes)
    {
        if (hashes.Count == 0)
        {
            return;
        }
        json.WriteStartArray("hashes");
        foreach (var hash in hashes)
        {
            json.WriteStartObject();
            json.WriteString("alg", hash.Algorithm);
            json.WriteString("content", hash.Content);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private void WriteJsonDependencies(Utf8JsonWriter json)
    {
        if (_dependencies.Count == 0)
        {
            return;
        }
        json.WriteStartArray("dependencies");
        foreach (var (reference, dependsOn) in _dependencies)
        {
            json.WriteStartObject();
            json.WriteString("ref", reference);
            json.WriteStartArray("dependsOn");
            Array.ForEach(dependsOn, json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
