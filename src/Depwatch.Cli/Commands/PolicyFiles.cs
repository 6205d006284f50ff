using System.Text.Json;
using System.Text.Json.Nodes;
using Depwatch.Core.Policies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Depwatch.Cli.Commands;

/// <summary>
/// Reads the policy files <c>--policy</c> names: a list of policies in JSON or YAML (told apart by content), each
/// with Dependency-Track's names, checked by the same validation as the server's <c>/api/v1/policy</c>.
/// </summary>
internal static class PolicyFiles
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <returns>The policies of every file in order, or null when one is bad (the reason is written to <paramref name="error"/>).</returns>
    public static async Task<IReadOnlyList<Policy>?> ReadAsync(IReadOnlyList<string> paths, TextWriter error, CancellationToken cancellationToken)
    {
        var policies = new List<Policy>();
        foreach (var path in paths)
        {
            string? problem;
            try
            {
                var info = new FileInfo(path);
                problem = info.Exists && info.Length > MaxFileBytes
                    ? $"the file is larger than {MaxFileBytes / 1024} KiB"
                    : Read(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), policies);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                await error.WriteLineAsync($"depwatch: cannot read policy file {path}: {e.Message}").ConfigureAwait(false);
                return null;
            }
            if (problem is not null)
            {
                await error.WriteLineAsync($"depwatch: {path} is not a valid policy file: {problem}").ConfigureAwait(false);
                return null;
            }
        }
        return policies;
    }

    /// <summary>Adds the policies of one file's text to <paramref name="policies"/>; the problem, or null.</summary>
    internal static string? Read(string text, List<Policy> policies)
    {
        JsonNode? root;
        try
        {
            root = text.TrimStart() is ['[' or '{', ..] ? JsonNode.Parse(text) : YamlTree.Parse(text);
        }
        catch (JsonException e)
        {
            return $"not JSON: {e.Message}";
        }
        catch (YamlException e)
        {
            return $"not YAML: line {e.Start.Line}, column {e.Start.Column}: {e.Message}";
        }
        if (root is not JsonArray list)
        {
            return "expected a list of policies";
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (PolicyFileMapping.ToPolicy(list[i], $"policies[{i}]", out var problem) is not { } policy)
            {
                return problem;
            }
            policies.Add(policy);
        }
        return null;
    }

    /// <summary>A YAML document as the JSON tree it stands for; every scalar is text, which the policy mapping reads as such.</summary>
    private static class YamlTree
    {
        public static JsonNode? Parse(string text)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
        }

        private static JsonNode? ToJson(YamlNode node) => node switch
        {
            YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
                KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", ToJson(pair.Value)))),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
            YamlScalarNode { Value: var value, Style: ScalarStyle.Plain } when value is "" or "~" or "null" => null,
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => null,
        };
    }
}
