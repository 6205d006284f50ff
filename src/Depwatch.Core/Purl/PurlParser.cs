namespace Depwatch.Core.Purl;

/// <summary>Splits a purl string into decoded components, right to left as the specification describes.</summary>
internal static class PurlParser
{
    private const string Scheme = "pkg:";

    public static PurlComponents Parse(string text)
    {
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidPurlException("it has no 'pkg:' scheme");
        }
        var (beforeSubpath, subpath) = SplitAtLast(text[Scheme.Length..], '#');
        var (beforeQualifiers, qualifiers) = SplitAtFirst(beforeSubpath, '?');
        var (type, path) = SplitType(beforeQualifiers);
        var (@namespace, name, version) = SplitPath(path);
        return new PurlComponents(type, @namespace, name, version,
            PurlQualifierParser.Parse(qualifiers), PurlSegments.ParseSubpath(subpath));
    }

    private static (string Type, string Path) SplitType(string text)
    {
        // The spec tolerates 'pkg:/' and 'pkg://', written by tools that treat purls as URLs with an authority.
        var (type, path) = SplitAtFirst(text.TrimStart('/'), '/');
        var validType = PurlSyntax.ValidType(type);
        return path is null
            ? throw new InvalidPurlException($"it has no name after the type '{validType}'")
            : (validType, path);
    }

    private static (string? Namespace, string Name, string? Version) SplitPath(string path)
    {
        var (namespacePart, lastSegment) = SplitAtLastOrNone(path.TrimEnd('/'), '/');
        var (namePart, versionPart) = SplitAtLast(lastSegment, '@');
        if (namePart.Length == 0)
        {
            throw new InvalidPurlException("it has no name");
        }
        var name = PurlEncoding.Decode(namePart, "name");
        var version = versionPart is null ? null : PurlEncoding.Decode(versionPart, "version");
        return (PurlSegments.ParseNamespace(namespacePart), name, string.IsNullOrEmpty(version) ? null : version);
    }

    private static (string Before, string? After) SplitAtFirst(string text, char separator)
    {
        var index = text.IndexOf(separator, StringComparison.Ordinal);
        return index < 0 ? (text, null) : (text[..index], text[(index + 1)..]);
    }

    private static (string Before, string? After) SplitAtLast(string text, char separator)
    {
        var index = text.LastIndexOf(separator);
        return index < 0 ? (text, null) : (text[..index], text[(index + 1)..]);
    }

    /// <summary>Like <see cref="SplitAtLast"/>, but the whole text is the part after the separator when there is none.</summary>
    private static (string? Before, string After) SplitAtLastOrNone(string text, char separator)
    {
        var index = text.LastIndexOf(separator);
        return index < 0 ? (null, text) : (text[..index], text[(index + 1)..]);
    }
}
