using System.Text.Json;

namespace Depwatch.Server.ManagedTrivy;

/// <summary>What Trivy's <c>db/metadata.json</c> says of the vulnerability database in a cache folder.</summary>
public sealed record TrivyDatabaseMetadata(DateTimeOffset? UpdatedAt, DateTimeOffset? DownloadedAt, DateTimeOffset? NextUpdate)
{
    /// <summary>The metadata in <paramref name="cacheDirectory"/>, or null while there is no readable database there.</summary>
    public static TrivyDatabaseMetadata? Read(string cacheDirectory)
    {
        try
        {
            using var stream = File.OpenRead(Path.Combine(cacheDirectory, "db", "metadata.json"));
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            return new TrivyDatabaseMetadata(Time(root, "UpdatedAt"), Time(root, "DownloadedAt"), Time(root, "NextUpdate"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    // Go writes the zero time (0001-01-01) for a time it never set.
    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.TryGetDateTimeOffset(out var time) && time.Year > 1
            ? time
            : null;
}
