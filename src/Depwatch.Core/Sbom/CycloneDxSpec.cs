namespace Depwatch.Core.Sbom;

/// <summary>The CycloneDX specification versions Depwatch reads, and how documents name them.</summary>
internal static class CycloneDxSpec
{
    public const string BomFormat = "CycloneDX";

    public const string SupportedRange = "1.2 to 1.6";

    public const string NamespacePrefix = "http://cyclonedx.org/schema/bom/";

    private static readonly string[] s_supportedVersions = ["1.2", "1.3", "1.4", "1.5", "1.6"];

    /// <summary>The supported version equal to <paramref name="version"/>, or null.</summary>
    public static string? FindVersion(ReadOnlySpan<char> version)
    {
        foreach (var supported in s_supportedVersions)
        {
            if (version.SequenceEqual(supported))
            {
                return supported;
            }
        }
        return null;
    }

    /// <summary>The spec version an XML namespace stands for, or null when it is not a supported CycloneDX one.</summary>
    public static string? VersionFromNamespace(string xmlNamespace) =>
        xmlNamespace.StartsWith(NamespacePrefix, StringComparison.Ordinal)
            ? FindVersion(xmlNamespace.AsSpan(NamespacePrefix.Length))
            : null;
}
