namespace Depwatch.Core.Sbom;

/// <summary>
/// Shares one string instance per distinct text within a document, so that property names repeated on
/// every component (e.g. <c>aquasecurity:trivy:PkgType</c>) are held once.
/// </summary>
internal sealed class StringPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public string Get(string text)
    {
        if (_strings.TryGetValue(text, out var pooled))
        {
            return pooled;
        }
        _strings.Add(text);
        return text;
    }

    public string Get(ReadOnlySpan<char> text)
    {
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }
        var created = text.ToString();
        _strings.Add(created);
        return created;
    }
}
