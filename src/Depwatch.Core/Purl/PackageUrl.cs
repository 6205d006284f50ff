using System.Diagnostics.CodeAnalysis;

namespace Depwatch.Core.Purl;

/// <summary>A package URL (purl), parsed and normalised per the purl specification.</summary>
public sealed class PackageUrl : IEquatable<PackageUrl>
{
    private readonly string _canonical;

    private PackageUrl(PurlComponents components)
    {
        Type = components.Type;
        Namespace = components.Namespace;
        Name = components.Name;
        Version = components.Version;
        Qualifiers = components.Qualifiers;
        Subpath = components.Subpath;
        _canonical = PurlFormatter.Format(components);
    }

    public string Type { get; }

    /// <summary>The decoded namespace segments joined with '/', e.g. <c>@babel</c> or <c>github.com/gorilla</c>.</summary>
    public string? Namespace { get; }

    public string Name { get; }

    public string? Version { get; }

    /// <summary>Qualifiers with lower-case keys, sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Qualifiers { get; }

    /// <summary>The decoded subpath segments joined with '/', without '.', '..' or empty segments.</summary>
    public string? Subpath { get; }

    public string? Qualifier(string key) =>
        Qualifiers.TryGetValue(key.ToLowerInvariant(), out var value) ? value : null;

    public static PackageUrl Parse(string text) =>
        TryParse(text, out var purl, out var error) ? purl : throw new PackageUrlFormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out PackageUrl? purl, [NotNullWhen(false)] out string? error)
    {
        purl = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "purl is empty";
            return false;
        }
        try
        {
            purl = new PackageUrl(PurlNormaliser.Normalise(PurlParser.Parse(text.Trim())));
            return true;
        }
        catch (InvalidPurlException e)
        {
            error = $"purl '{text}' is invalid: {e.Message}";
            return false;
        }
    }

    /// <summary>The canonical form.</summary>
    public override string ToString() => _canonical;

    public bool Equals(PackageUrl? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as PackageUrl);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
