using System.Collections.Frozen;
using System.Globalization;

namespace Depwatch.Core.Vulnerabilities;

/// <summary>
/// The names of CWE entries from MITRE's CWE list, shipped with Depwatch (Data/cwe-names.tsv, written by
/// scripts/cwe-names.py). Vulnerabilities keep CWE numbers only; names are looked up where they are shown.
/// </summary>
public static class CweNames
{
    private const string ResourceName = "Depwatch.Core.cwe-names.tsv";

    private static readonly Lazy<(string Version, FrozenDictionary<int, string> Names)> s_list = new(Load);

    /// <summary>The version of MITRE's CWE list the names come from, e.g. "4.14".</summary>
    public static string Version => s_list.Value.Version;

    public static int Count => s_list.Value.Names.Count;

    /// <summary>The name of CWE-<paramref name="cweId"/>, or null for a number the list does not have.</summary>
    public static string? Name(int cweId) => s_list.Value.Names.GetValueOrDefault(cweId);

    private static (string Version, FrozenDictionary<int, string> Names) Load()
    {
        using var stream = typeof(CweNames).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The CWE list {ResourceName} is missing from {typeof(CweNames).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var version = "";
        var names = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (line.StartsWith("#version\t", StringComparison.Ordinal))
            {
                version = line[(tab + 1)..];
            }
            else if (tab > 0 && !line.StartsWith('#'))
            {
                names[int.Parse(line.AsSpan(0, tab), NumberStyles.None, CultureInfo.InvariantCulture)] = line[(tab + 1)..];
            }
        }
        return (version, names.ToFrozenDictionary());
    }
}
