namespace Depwatch.Core.Purl;

/// <summary>The slash-separated components: namespace and subpath, decoded segment by segment.</summary>
internal static class PurlSegments
{
    public static string? ParseNamespace(string? text) =>
        JoinOrNull(Decode(text, "namespace segment").Where(segment => segment.Length > 0));

    public static string? ParseSubpath(string? text) =>
        JoinOrNull(Decode(text, "subpath segment").Where(segment => segment is not ("" or "." or "..")));

    public static string Format(string segments) =>
        string.Join('/', segments.Split('/').Select(PurlEncoding.Encode));

    private static IEnumerable<string> Decode(string? text, string what) =>
        text is null ? [] : text.Split('/').Select(segment => DecodeSegment(segment, what));

    private static string DecodeSegment(string segment, string what)
    {
        var decoded = PurlEncoding.Decode(segment, what);
        return decoded.Contains('/')
            ? throw new InvalidPurlException($"{what} '{segment}' contains an encoded '/'")
            : decoded;
    }

    private static string? JoinOrNull(IEnumerable<string> segments)
    {
        var joined = string.Join('/', segments);
        return joined.Length == 0 ? null : joined;
    }
}
