using System.Text.Json;
using System.Text.Json.Serialization;

namespace Depwatch.Server.Endpoints;

/// <summary>
/// How request bodies are read: as tolerantly as Dependency-Track reads them, because its clients rely on it. Unknown
/// fields are ignored, numbers may come as strings, and booleans as the strings <c>"true"</c> and <c>"false"</c> (cdxgen
/// sends <c>"autoCreate": "true"</c>).
/// </summary>
public static class DependencyTrackJson
{
    public static JsonSerializerOptions Tolerant(this JsonSerializerOptions options)
    {
        options.NumberHandling |= JsonNumberHandling.AllowReadingFromString;
        options.Converters.Add(new TolerantBooleanConverter());
        return options;
    }

    /// <summary>Reads a JSON boolean or a string holding one (any case; an empty string is false); writes a JSON boolean.</summary>
    private sealed class TolerantBooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String => reader.GetString()?.Trim() switch
            {
                null or "" => false,
                var text when bool.TryParse(text, out var value) => value,
                var text => throw new JsonException($"\"{text}\" is not a boolean: send true or false."),
            },
            _ => throw new JsonException($"A {reader.TokenType} is not a boolean: send true or false."),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }
}
