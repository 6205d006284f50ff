using System.Diagnostics.CodeAnalysis;

namespace Depwatch.Core.Purl;

/// <summary>A package URL (purl), parsed and normalised per the purl specification.</summary>
public sealed class PackageUrl : IEquatable<PackageUrl>
{
    private PackageUrl(string type, string? @namespace, string name, string? version,
        IReadOnlyDictionary<string, string> qualifiers, string? subpath)
    {
        Type = type;
        Namespace = @namespace;
        Name = name;
        Version = version;
        Qualifiers = qualifiers;
        Subpath = subpath;
    }

    public string Type { get; }

    public string? Namespace { get; }

    public string Name { get; }

    public string? Version { get; }

    /// <summary>Qualifiers with lower-case keys, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Qualifiers { get; }

    public string? Subpath { get; }

    public string? Qualifier(string key) => Qualifiers.TryGetValue(key, out var value) ? value : null;

    public static PackageUrl Parse(string text) =>
        TryParse(text, out var purl, out var error) ? purl : throw new PackageUrlFormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out PackageUrl? purl, [NotNullWhen(false)] out string? error)
    {
        throw new NotImplementedException();
    }

    /// <summary>The canonical form.</summary>
    public override string ToString() => throw new NotImplementedException();

    public bool Equals(PackageUrl? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as PackageUrl);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
