using System.Globalization;
using System.Text.Json;

namespace Depwatch.Testing.Sboms;

public sealed partial class BomBuilder
{
    /// <summary>
    /// Streams a spec 1.6 JSON SBOM with <paramref name="components"/> npm components (about 600 bytes each,
    /// with hashes, licenses and references a reader must skip) to a new temporary file, and returns its path.
    /// </summary>
    public static string LargeBom(int components)
    {
        var path = Path.Combine(Path.GetTempPath(), $"depwatch-large-bom-{Guid.NewGuid():N}.json");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.6");
        json.WriteNumber("version", 1);
        json.WriteStartArray("components");
        for (var index = 0; index < components; index++)
        {
            WriteLargeBomComponent(json, index);
            if (index % 1000 == 999)
            {
                json.Flush();
            }
        }
        json.WriteEndArray();
        WriteLargeBomDependencies(json, components);
        json.WriteEndObject();
        return path;
    }

    private static void WriteLargeBomComponent(Utf8JsonWriter json, int index)
    {
        var name = $"package-{index.ToString(CultureInfo.InvariantCulture)}";
        var version = $"{index % 10}.{index % 100}.{index % 7}";
        json.WriteStartObject();
        json.WriteString("bom-ref", $"pkg:npm/{name}@{version}");
        json.WriteString("type", "library");
        json.WriteString("name", name);
        json.WriteString("version", version);
        json.WriteString("description", "A package generated to make a large SBOM; this text is skipped.");
        json.WriteStartArray("hashes");
        json.WriteStartObject();
        json.WriteString("alg", "SHA-256");
        json.WriteString("content", Convert.ToHexString(BitConverter.GetBytes((long)index)).PadLeft(64, '0'));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("licenses");
        json.WriteStartObject();
        json.WriteStartObject("license");
        json.WriteString("id", "MIT");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("purl", $"pkg:npm/{name}@{version}");
        WriteLargeBomProperties(json, name);
        json.WriteEndObject();
    }

    private static void WriteLargeBomProperties(Utf8JsonWriter json, string name)
    {
        json.WriteStartArray("properties");
        foreach (var (key, value) in new[]
        {
            ("aquasecurity:trivy:PkgType", "node-pkg"),
            ("aquasecurity:trivy:FilePath", $"node_modules/{name}/package.json"),
        })
        {
            json.WriteStartObject();
            json.WriteString("name", key);
            json.WriteString("value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteLargeBomDependencies(Utf8JsonWriter json, int components)
    {
        json.WriteStartArray("dependencies");
        for (var index = 0; index + 1 < components; index += 100)
        {
            json.WriteStartObject();
            json.WriteString("ref", $"pkg:npm/package-{index}@{index % 10}.{index % 100}.{index % 7}");
            json.WriteStartArray("dependsOn");
            json.WriteStringValue($"pkg:npm/package-{index + 1}@{(index + 1) % 10}.{(index + 1) % 100}.{(index + 1) % 7}");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
