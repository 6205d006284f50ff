using Depwatch.Core.Components;
using Depwatch.Core.Purl;

namespace Depwatch.Testing;

/// <summary>Inventory components for tests, built from purls.</summary>
public static class TestComponents
{
    public static Component FromPurl(string key, string purl, params (string Name, string Value)[] properties)
    {
        var parsed = PackageUrl.Parse(purl);
        return new Component
        {
            Key = key,
            BomRef = key,
            Group = parsed.Namespace,
            Name = parsed.Name,
            Version = parsed.Version,
            PurlText = purl,
            Purl = parsed,
            Properties = [.. properties.Select(p => new ComponentProperty(p.Name, p.Value))],
        };
    }

    /// <summary>A component whose group, name and version the SBOM writes apart from its purl, and maybe differently.</summary>
    public static Component Written(string key, string? group, string name, string? version, string purl) => new()
    {
        Key = key, BomRef = key, Group = group, Name = name, Version = version, PurlText = purl, Purl = PackageUrl.Parse(purl),
    };

    public static Component OperatingSystem(string key, string name, string version) =>
        new() { Key = key, Type = ComponentType.OperatingSystem, Name = name, Version = version };

    public static Component WithoutPurl(string key, string name, string version) =>
        new() { Key = key, Name = name, Version = version };
}
