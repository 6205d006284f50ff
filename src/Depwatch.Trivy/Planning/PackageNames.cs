using Depwatch.Core.Purl;

namespace Depwatch.Trivy.Planning;

/// <summary>The package name Trivy's advisory database uses for a purl, per ecosystem.</summary>
internal static class PackageNames
{
    // Advisories of these ecosystems are keyed by the name as published; all others by the lower-cased name.
    // Older servers do not lower-case names themselves, so a NuGet "Newtonsoft.Json" would otherwise miss.
    private static readonly HashSet<string> s_caseSensitive = ["golang", "cocoapods", "swift", "julia"];

    public static string ForLanguage(PackageUrl purl)
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
        return s_caseSensitive.Contains(purl.Type) ? name : name.ToLowerInvariant();
    }

    private static string Join(string? @namespace, string separator, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : @namespace + separator + name;
}
