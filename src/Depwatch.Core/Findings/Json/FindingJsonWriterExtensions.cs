using System.Globalization;
using System.Text.Json;

namespace Depwatch.Core.Findings.Json;

/// <summary>The two ways finding reports treat a missing value: leave the key out, or write null.</summary>
public static class FindingJsonWriterExtensions
{
    public static void WriteStringIfPresent(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>Writes a CVSS score with one decimal, as Dependency-Track does (<c>10.0</c>, not <c>10</c>).</summary>
    public static void WriteScoreIfPresent(this Utf8JsonWriter json, string name, double? score)
    {
        if (score is { } value && double.IsFinite(value))
        {
            json.WriteScoreOrNull(name, value);
        }
    }

    public static void WriteScoreOrNull(this Utf8JsonWriter json, string name, double? score)
    {
        json.WritePropertyName(name);
        if (score is { } value && double.IsFinite(value))
        {
            json.WriteRawValue(value.ToString("0.0", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNullValue();
        }
    }

    public static void WriteEpochMillisecondsOrNull(this Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            json.WriteNumber(name, date.ToUnixTimeMilliseconds());
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteStringArray(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
