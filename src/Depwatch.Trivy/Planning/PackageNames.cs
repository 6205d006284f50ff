using Depwatch.Core.Components;
using Depwatch.Core.Purl;

namespace Depwatch.Trivy.Planning;

/// <summary>The package name Trivy's advisory database uses for a purl, per ecosystem.</summary>
internal static class PackageNames
{
    // Advisories of these ecosystems are keyed by the name as published; all others by the lower-cased name.
    // Older servers do not lower-case names themselves, so a NuGet "Newtonsoft.Json" would otherwise miss.
    private static readonly HashSet<string> s_caseSensitive = ["golang", "cocoapods", "swift", "julia"];

    // Trivy's SBOM writer lower-cases the names in these purls (PyPI also turns '_' into '-'); the component's name
    // keeps the case, and Trivy's own client reads that. Alpine's apk names, lower-cased too, are lower-case by policy.
    private static readonly HashSet<string> s_lowerCasedByTrivy = ["golang", "npm", "pypi"];

    public static string ForLanguage(Component component, PackageUrl purl)
    {
        var name = purl.Type switch
        {
            // Maven advisories are keyed by groupId:artifactId.
            "maven" => Join(purl.Namespace, ":", purl.Name),
            // CocoaPods, Bitnami and Conan advisories are keyed by the bare name.
            "cocoapods" or "bitnami" or "conan" => purl.Name,
            // npm scopes, Go module paths, Composer vendors, Swift hosts and owners join with '/'.
            _ => Join(purl.Namespace, "/", purl.Name),
        };
        if (s_lowerCasedByTrivy.Contains(purl.Type) && ComponentName(component) is { } written && SameName(purl.Type, written, name))
        {
            name = written;
        }
        return s_caseSensitive.Contains(purl.Type) ? name : name.ToLowerInvariant();
    }

    // Trivy's client names a package by the component: group and name joined with '/'.
    private static string? ComponentName(Component component) =>
        string.IsNullOrEmpty(component.Name) ? null : Join(component.Group, "/", component.Name);

    private static bool SameName(string purlType, string written, string fromPurl) =>
        string.Equals(purlType == "pypi" ? written.Replace('_', '-') : written, fromPurl, StringComparison.OrdinalIgnoreCase);

    private static string Join(string? @namespace, string separator, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : @namespace + separator + name;
}
