using System.Text.Json;
using Depwatch.Core.Components;

namespace Depwatch.Server.Data;

/// <summary>
/// How a component's licenses and hashes are stored: JSON arrays in CycloneDX's member names
/// (<c>[{"id":"MIT"},{"expression":"…"}]</c>, <c>[{"alg":"SHA-256","content":"…"}]</c>), null when there are none.
/// </summary>
public static class ComponentDetailsJson
{
    public static string? Licenses(IReadOnlyList<ComponentLicense> licenses) =>
        Write(licenses, (json, license) =>
        {
            var (member, value) = license.Id is not null ? ("id", license.Id)
                : license.Expression is not null ? ("expression", license.Expression)
                : ("name", license.Name);
            json.WriteString(member, value);
        });

    public static string? Hashes(IReadOnlyList<ComponentHash> hashes) =>
        Write(hashes, (json, hash) =>
        {
            json.WriteString("alg", hash.Algorithm);
            json.WriteString("content", hash.Content);
        });

    public static IReadOnlyList<ComponentLicense> ReadLicenses(string? stored) =>
        Read(stored, element => new ComponentLicense(Member(element, "id"), Member(element, "name"), Member(element, "expression")));

    public static IReadOnlyList<ComponentHash> ReadHashes(string? stored) =>
        Read(stored, element => Member(element, "alg") is { } alg && Member(element, "content") is { } content
            ? new ComponentHash(alg, content)
            : null);

    private static string? Write<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeMembers)
    {
        if (items.Count == 0)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartObject();
                writeMembers(json, item);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static List<T> Read<T>(string? stored, Func<JsonElement, T?> read) where T : class
    {
        var items = new List<T>();
        if (string.IsNullOrEmpty(stored))
        {
            return items;
        }
        using var document = JsonDocument.Parse(stored);
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (read(element) is { } item)
            {
                items.Add(item);
            }
        }
        return items;
    }

    private static string? Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
