using System.Text.Json;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Testing.TrivyDb;

/// <summary>
/// Builds a Trivy vulnerability DB cache folder (<c>db/trivy.db</c> + <c>db/metadata.json</c>)
/// from bolt-fixtures YAML files, for <c>trivy server --skip-db-update</c>.
/// </summary>
public static class TrivyDbBuilder
{
    public static readonly DateTimeOffset UpdatedAt = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset NextUpdate = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>testdata/trivy-db/*.yaml of this repository, in file-name order.</summary>
    public static IReadOnlyList<string> DefaultFixtureFiles() =>
        [.. Directory.GetFiles(RepositoryRoot.PathOf("testdata", "trivy-db"), "*.yaml").Order(StringComparer.Ordinal)];

    /// <summary>Writes the DB into <paramref name="cacheDir"/>/db; later files override equal keys of earlier ones.</summary>
    public static void Build(string cacheDir, IEnumerable<string> fixtureFiles)
    {
        var root = new BoltBucket();
        foreach (var file in fixtureFiles)
        {
            BoltFixtureLoader.Load(file, root);
        }

        var dbDir = Path.Combine(cacheDir, "db");
        Directory.CreateDirectory(dbDir);
        BoltDbWriter.Write(Path.Combine(dbDir, "trivy.db"), root);
        File.WriteAllText(Path.Combine(dbDir, "metadata.json"), MetadataJson());
    }

    private static string MetadataJson() => JsonSerializer.Serialize(new
    {
        Version = 2,
        NextUpdate = NextUpdate.UtcDateTime,
        UpdatedAt = UpdatedAt.UtcDateTime,
        DownloadedAt = UpdatedAt.UtcDateTime,
    });
}
