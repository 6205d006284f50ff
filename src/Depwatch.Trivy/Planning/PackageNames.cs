using Depwatch.Core.Purl;

namespace Depwatch.Trivy.Planning;

/// <summary>The package name Trivy's advisory database uses for a purl, per ecosystem.</summary>
internal static class PackageNames
{
    public static string ForLanguage(PackageUrl purl) => purl.Type switch
    {
        // Maven advisories are keyed by groupId:artifactId.
        "maven" => Join(purl.Namespace, ":", purl.Name),
        // CocoaPods, Bitnami and Conan advisories are keyed by the bare name.
        "cocoapods" or "bitnami" or "conan" => purl.Name,
        // npm scopes, Go module paths, Composer vendors, Swift hosts and owners join with '/'.
        _ => Join(purl.Namespace, "/", purl.Name),
    };

    private static string Join(string? @namespace, string separator, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : @namespace + separator + name;
}
