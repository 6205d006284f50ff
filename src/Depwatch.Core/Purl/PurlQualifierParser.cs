using System.Collections.Immutable;

namespace Depwatch.Core.Purl;

/// <summary>Parses the <c>key=value&amp;…</c> part after '?'.</summary>
internal static class PurlQualifierParser
{
    public static ImmutableSortedDictionary<string, string> Parse(string? text)
    {
        var qualifiers = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = ParsePair(pair);
            if (!seenKeys.Add(key))
            {
                throw new InvalidPurlException($"duplicate qualifier '{key}'");
            }
            // An empty value means the same as no qualifier at all.
            if (value.Length > 0)
            {
                qualifiers.Add(key, value);
            }
        }
        return qualifiers.ToImmutable();
    }

    private static (string Key, string Value) ParsePair(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new InvalidPurlException($"qualifier '{pair}' has no '=' between key and value");
        }
        var key = PurlSyntax.ValidQualifierKey(pair[..equals]);
        return (key, PurlEncoding.Decode(pair[(equals + 1)..], $"qualifier '{key}'"));
    }
}
