using Depwatch.Core.Purl;

namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// How a purl in a VEX statement names a component's purl, as OpenVEX (and so Trivy's <c>--vex</c>) reads it: the
/// statement's purl may be more general, without a version (every version) or with fewer qualifiers.
/// </summary>
public static class VexPurls
{
    public static bool Matches(string? statementPurl, string? componentPurl)
    {
        if (!PackageUrl.TryParse(statementPurl, out var general, out _) || !PackageUrl.TryParse(componentPurl, out var specific, out _))
        {
            return false;
        }
        return general.Type == specific.Type
            && general.Namespace == specific.Namespace
            && general.Name == specific.Name
            && (general.Version is null || general.Version == specific.Version)
            && general.Qualifiers.All(q => specific.Qualifiers.TryGetValue(q.Key, out var value) && value == q.Value);
    }
}
