using System.Text.Json;

namespace Depwatch.Core.Triage.Vex;

/// <summary>Reading members of a parsed JSON VEX, each refusal naming the member's path.</summary>
internal static class VexJson
{
    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new VexFormatException($"expected a string for {name} but found {Kind(value)}", $"{path}.{name}");
    }

    public static string RequiredString(JsonElement parent, string name, string path) =>
        OptionalString(parent, name, path) is { Length: > 0 } text
            ? text
            : throw new VexFormatException($"{name} is missing or empty", $"{path}.{name}");

    public static int? OptionalInt(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new VexFormatException($"expected an integer for {name} but found {Kind(value)}", $"{path}.{name}");
    }

    /// <summary>The member's elements with their paths; none when it is absent or null.</summary>
    public static IEnumerable<(JsonElement Element, string Path)> Array(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new VexFormatException($"expected an array for {name} but found {Kind(value)}", $"{path}.{name}");
        }
        return value.EnumerateArray().Select((element, index) => (element, $"{path}.{name}[{index}]"));
    }

    public static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new VexFormatException($"expected an object for {name} but found {Kind(value)}", $"{path}.{name}");
    }

    public static void ExpectObject(JsonElement element, string path, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new VexFormatException($"expected {what} (an object) but found {Kind(element)}", path);
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
