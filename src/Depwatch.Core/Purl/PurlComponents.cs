using System.Collections.Immutable;

namespace Depwatch.Core.Purl;

/// <summary>The decoded components of a purl; namespace and subpath segments are joined with '/'.</summary>
internal sealed record PurlComponents(
    string Type,
    string? Namespace,
    string Name,
    string? Version,
    ImmutableSortedDictionary<string, string> Qualifiers,
    string? Subpath);
