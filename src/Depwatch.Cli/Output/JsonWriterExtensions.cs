using System.Text.Json;

namespace Depwatch.Cli.Output;

/// <summary>SARIF's JSON idioms; the finding-report ones are in <c>Depwatch.Core.Findings.Json</c>.</summary>
internal static class JsonWriterExtensions
{
    /// <summary>Writes <c>{"text": …}</c>, SARIF's message and multiformatMessageString shape.</summary>
    public static void WriteText(this Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
