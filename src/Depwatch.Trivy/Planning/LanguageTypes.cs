namespace Depwatch.Trivy.Planning;

/// <summary>The Trivy application type Trivy itself gives each purl type when it reads an SBOM.</summary>
internal static class LanguageTypes
{
    private static readonly Dictionary<string, string> s_byPurlType = new(StringComparer.Ordinal)
    {
        ["maven"] = "jar",
        ["npm"] = "node-pkg",
        ["pypi"] = "python-pkg",
        ["gem"] = "gemspec",
        ["golang"] = "gobinary",
        ["conda"] = "conda-pkg",
        ["conan"] = "conan",
        ["bitnami"] = "bitnami",
        ["cargo"] = "cargo",
        ["nuget"] = "nuget",
        ["composer"] = "composer",
        ["swift"] = "swift",
        ["cocoapods"] = "cocoapods",
        ["hex"] = "hex",
        ["pub"] = "pub",
        ["k8s"] = "kubernetes",
    };

    public static string? ForPurlType(string purlType) => s_byPurlType.GetValueOrDefault(purlType);
}
