using System.Collections.Frozen;

namespace Depwatch.Core.Policies;

/// <summary>
/// Named sets of SPDX license ids for LICENSE_GROUP conditions: Dependency-Track's default groups (Copyleft, Weak
/// Copyleft, Permissive, Non-Commercial), shipped as data in Data/license-groups.tsv. Ids compare without case.
/// </summary>
public sealed class LicenseGroups
{
    private const string ResourceName = "Depwatch.Core.license-groups.tsv";

    private static readonly Lazy<LicenseGroups> s_defaults = new(Load);

    private readonly FrozenDictionary<string, LicenseGroup> _byName;

    public LicenseGroups(IEnumerable<LicenseGroup> groups) =>
        _byName = groups.ToFrozenDictionary(group => group.Name, StringComparer.OrdinalIgnoreCase);

    public static LicenseGroups Defaults => s_defaults.Value;

    public IEnumerable<LicenseGroup> All => _byName.Values.OrderBy(group => group.Name, StringComparer.Ordinal);

    /// <summary>The group of this name (any case), or null.</summary>
    public LicenseGroup? Find(string name) => _byName.GetValueOrDefault(name.Trim());

    private static LicenseGroups Load()
    {
        using var stream = typeof(LicenseGroups).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The license groups {ResourceName} are missing from {typeof(LicenseGroups).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && !line.StartsWith('#'))
            {
                var name = line[..tab];
                if (!members.TryGetValue(name, out var ids))
                {
                    members[name] = ids = [];
                }
                ids.Add(line[(tab + 1)..]);
            }
        }
        return new LicenseGroups(members.Select(pair => new LicenseGroup(pair.Key, pair.Value.ToFrozenSet(StringComparer.OrdinalIgnoreCase))));
    }
}

/// <summary>A named set of SPDX license ids.</summary>
public sealed record LicenseGroup(string Name, FrozenSet<string> LicenseIds)
{
    public bool Contains(string licenseId) => LicenseIds.Contains(licenseId);
}
