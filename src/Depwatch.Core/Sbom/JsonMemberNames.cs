using System.Collections.Frozen;
using System.Text;

namespace Depwatch.Core.Sbom;

/// <summary>
/// Member names found in CycloneDX documents, handed out as shared instances so that reading a member
/// name allocates nothing in the common case.
/// </summary>
internal static class JsonMemberNames
{
    internal const int LongestKnownName = 64;

    private static readonly FrozenSet<string> s_known = new[]
    {
        "$schema", "bomFormat", "specVersion", "serialNumber", "version", "metadata", "components", "services",
        "dependencies", "externalReferences", "compositions", "vulnerabilities", "annotations", "formulation",
        "declarations", "definitions", "properties", "signature", "timestamp", "lifecycles", "tools", "authors",
        "component", "manufacture", "manufacturer", "supplier", "licenses", "vendor", "name", "group", "type",
        "bom-ref", "mime-type", "author", "publisher", "description", "scope", "hashes", "copyright", "cpe",
        "purl", "omniborId", "swhid", "swid", "pedigree", "evidence", "releaseNotes", "modelCard", "data",
        "cryptoProperties", "tags", "value", "ref", "dependsOn", "provides", "alg", "content", "url", "comment",
        "license", "id", "expression", "acknowledgement", "identity", "occurrences", "callstack", "field",
        "confidence", "methods", "technique", "location", "provider", "endpoints", "authenticated",
        "x-trust-boundary", "trustZone", "contact", "email", "phone", "text", "encoding", "contentType",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_knownBySpan =
        s_known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared instance for an unescaped UTF-8 member name, or null when it is not a known one.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > LongestKnownName)
        {
            return null;
        }
        Span<char> chars = stackalloc char[LongestKnownName];
        var length = Encoding.UTF8.GetChars(utf8Name, chars);
        return s_knownBySpan.TryGetValue(chars[..length], out var known) ? known : null;
    }
}
