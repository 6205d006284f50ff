using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Depwatch.Testing.TrivyDb;

/// <summary>
/// Loads fixture YAML in the bolt-fixtures shape into a bucket tree: a list of
/// <c>{bucket, pairs}</c>, where each pair is a nested <c>{bucket, pairs}</c> or a <c>{key, value}</c>.
/// Map and list values are stored as JSON, scalar values as their plain text.
/// </summary>
internal static class BoltFixtureLoader
{
    private static readonly JsonSerializerOptions s_jsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Load(string yamlPath, BoltBucket root)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(yamlPath))
        {
            yaml.Load(reader);
        }

        foreach (var document in yaml.Documents)
        {
            foreach (var item in Sequence(document.RootNode, yamlPath))
            {
                LoadBucket(root, Mapping(item, yamlPath), yamlPath);
            }
        }
    }

    private static void LoadBucket(BoltBucket parent, YamlMappingNode item, string yamlPath)
    {
        var name = Scalar(item, "bucket", yamlPath)
            ?? throw new InvalidDataException($"{yamlPath}: a top-level item needs 'bucket' ({item.Start}).");
        var bucket = parent.GetOrAddBucket(name);
        if (!item.Children.TryGetValue(new YamlScalarNode("pairs"), out var pairs))
        {
            return;
        }

        foreach (var pair in Sequence(pairs, yamlPath))
        {
            LoadPair(bucket, Mapping(pair, yamlPath), yamlPath);
        }
    }

    private static void LoadPair(BoltBucket bucket, YamlMappingNode pair, string yamlPath)
    {
        if (pair.Children.ContainsKey(new YamlScalarNode("bucket")))
        {
            LoadBucket(bucket, pair, yamlPath);
            return;
        }

        var key = Scalar(pair, "key", yamlPath)
            ?? throw new InvalidDataException($"{yamlPath}: a pair needs 'bucket' or 'key' ({pair.Start}).");
        var value = pair.Children.TryGetValue(new YamlScalarNode("value"), out var node) ? node : new YamlScalarNode("");
        bucket.Put(key, value is YamlScalarNode scalar
            ? scalar.Value ?? ""
            : YamlJsonConverter.ToJson(value)!.ToJsonString(s_jsonOptions));
    }

    private static string? Scalar(YamlMappingNode mapping, string name, string yamlPath) =>
        mapping.Children.TryGetValue(new YamlScalarNode(name), out var node)
            ? (node as YamlScalarNode)?.Value ?? throw new InvalidDataException($"{yamlPath}: '{name}' must be a scalar ({node.Start}).")
            : null;

    private static YamlSequenceNode Sequence(YamlNode node, string yamlPath) =>
        node as YamlSequenceNode ?? throw new InvalidDataException($"{yamlPath}: expected a list ({node.Start}).");

    private static YamlMappingNode Mapping(YamlNode node, string yamlPath) =>
        node as YamlMappingNode ?? throw new InvalidDataException($"{yamlPath}: expected a map ({node.Start}).");
}
