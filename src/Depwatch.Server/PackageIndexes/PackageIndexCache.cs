using System.Text.Json;
using Depwatch.Core.PackageIndexes;
using Depwatch.Server.Data;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// Downloaded index files in the data folder, one folder per release (<c>package-indexes/debian-12/</c>), each file
/// beside what its conditional GET needs (entity tag, last-modified date), and the releases to keep fresh.
/// </summary>
internal sealed class PackageIndexCache(DataDirectory data)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private string Root => data.PathOf("package-indexes");

    public string FileFor(DistributionRelease release, Uri url) =>
        Path.Combine(Root, release.ToString(), string.Concat((url.Host + url.AbsolutePath).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_')));

    public CachedValidators? ValidatorsOf(string file) =>
        File.Exists(file) && File.Exists(file + ".meta.json") ? JsonSerializer.Deserialize<CachedValidators>(File.ReadAllText(file + ".meta.json"), s_json) : null;

    /// <summary>Moves a downloaded and checked file into place, with its validators.</summary>
    public void Commit(string downloaded, string file, CachedValidators validators)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file + ".meta.json", JsonSerializer.Serialize(validators, s_json));
        File.Move(downloaded, file, overwrite: true);
    }

    public string TemporaryFile()
    {
        Directory.CreateDirectory(Root);
        return Path.Combine(Root, $".download-{Guid.NewGuid():N}");
    }

    /// <summary>The releases (and their packages' architectures) that SBOMs have named, as last saved.</summary>
    public Dictionary<DistributionRelease, HashSet<string>> LoadWanted()
    {
        var file = Path.Combine(Root, "wanted.json");
        var saved = File.Exists(file) ? JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(file), s_json) ?? [] : [];
        return saved.Select(w => (Release: DistributionRelease.Parse(w.Key), Architectures: w.Value))
            .Where(w => w.Release is not null)
            .ToDictionary(w => w.Release!, w => w.Architectures.ToHashSet(StringComparer.Ordinal));
    }

    public void SaveWanted(IReadOnlyDictionary<DistributionRelease, HashSet<string>> wanted)
    {
        Directory.CreateDirectory(Root);
        var temporary = TemporaryFile();
        File.WriteAllText(temporary, JsonSerializer.Serialize(wanted.ToDictionary(w => w.Key.ToString(), w => w.Value.Order().ToArray()), s_json));
        File.Move(temporary, Path.Combine(Root, "wanted.json"), overwrite: true);
    }
}

/// <summary>What a conditional GET sends back to the mirror: <c>If-None-Match</c>, <c>If-Modified-Since</c>.</summary>
internal sealed record CachedValidators(string? ETag, DateTimeOffset? LastModified);
