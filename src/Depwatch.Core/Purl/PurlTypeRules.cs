using System.Collections.Frozen;

namespace Depwatch.Core.Purl;

/// <summary>The registered purl types Depwatch knows; any other type gets only the generic rules.</summary>
internal static class PurlTypeRules
{
    private static readonly FrozenDictionary<string, PurlTypeRule> s_byType = new Dictionary<string, PurlTypeRule>
    {
        ["alpm"] = LowerCased(PurlTypeRule.NamespaceRequired("the vendor, e.g. arch")),
        ["apk"] = LowerCased(PurlTypeRule.NamespaceRequired("the vendor, e.g. alpine")),
        ["bazel"] = PurlTypeRule.NamespaceProhibited,
        ["bitbucket"] = LowerCased(PurlTypeRule.NamespaceRequired("the user or organization")),
        ["bitnami"] = PurlTypeRule.NamespaceProhibited with { LowerCaseName = true },
        ["brew"] = LowerCased(PurlTypeRule.NamespaceOptional),
        ["cargo"] = PurlTypeRule.NamespaceProhibited,
        ["chrome-extension"] = PurlTypeRule.NamespaceProhibited with
        {
            LowerCaseName = true,
            Validate = PurlTypeSpecifics.ValidateChromeExtension,
        },
        ["cocoapods"] = PurlTypeRule.NamespaceProhibited with { Validate = PurlTypeSpecifics.ValidateCocoapods },
        ["composer"] = LowerCased(PurlTypeRule.NamespaceRequired("the vendor")),
        ["conan"] = PurlTypeRule.NamespaceOptional,
        ["conda"] = PurlTypeRule.NamespaceProhibited,
        ["cpan"] = PurlTypeRule.NamespaceOptional with
        {
            Normalise = PurlTypeSpecifics.NormaliseCpan,
            Validate = PurlTypeSpecifics.ValidateCpan,
        },
        ["cran"] = PurlTypeRule.NamespaceProhibited,
        ["deb"] = LowerCased(PurlTypeRule.NamespaceRequired("the vendor, e.g. debian")),
        ["docker"] = PurlTypeRule.NamespaceOptional,
        ["gem"] = PurlTypeRule.NamespaceProhibited,
        ["generic"] = PurlTypeRule.NamespaceOptional,
        ["git"] = PurlTypeRule.NamespaceRequired("the host"),
        ["github"] = LowerCased(PurlTypeRule.NamespaceRequired("the user or organization")),
        // Go module paths are case-sensitive and the registry requires a namespace, but SBOM tools write the
        // standard library as 'pkg:golang/stdlib@…', so neither lower-casing nor requiring a namespace.
        ["golang"] = PurlTypeRule.NamespaceOptional,
        ["hackage"] = PurlTypeRule.NamespaceProhibited,
        ["hex"] = LowerCased(PurlTypeRule.NamespaceOptional),
        ["huggingface"] = PurlTypeRule.NamespaceRequired("the user or organization") with { LowerCaseVersion = true },
        ["julia"] = PurlTypeRule.NamespaceProhibited with { RequiredQualifiers = ["uuid"] },
        ["luarocks"] = LowerCased(PurlTypeRule.NamespaceOptional),
        ["maven"] = PurlTypeRule.NamespaceRequired("the groupId"),
        ["mlflow"] = PurlTypeRule.NamespaceProhibited with { Normalise = PurlTypeSpecifics.NormaliseMlflow },
        ["npm"] = PurlTypeRule.NamespaceOptional,
        ["nuget"] = PurlTypeRule.NamespaceProhibited,
        ["oci"] = PurlTypeRule.NamespaceProhibited with { LowerCaseName = true, LowerCaseVersion = true },
        ["opam"] = PurlTypeRule.NamespaceProhibited,
        ["otp"] = PurlTypeRule.NamespaceProhibited with { LowerCaseName = true },
        ["pub"] = PurlTypeRule.NamespaceProhibited with { LowerCaseName = true, Normalise = PurlTypeSpecifics.NormalisePub },
        ["pypi"] = PurlTypeRule.NamespaceProhibited with
        {
            LowerCaseName = true,
            LowerCaseVersion = true,
            Normalise = PurlTypeSpecifics.NormalisePypi,
        },
        ["qpkg"] = PurlTypeRule.NamespaceRequired("the vendor") with { LowerCaseNamespace = true },
        ["rpm"] = PurlTypeRule.NamespaceRequired("the vendor, e.g. fedora") with { LowerCaseNamespace = true },
        ["swid"] = PurlTypeRule.NamespaceOptional with
        {
            RequiredQualifiers = ["tag_id"],
            Validate = PurlTypeSpecifics.ValidateSwid,
        },
        ["swift"] = PurlTypeRule.NamespaceRequired("the source host and owner, e.g. github.com/Alamofire"),
        ["vcpkg"] = PurlTypeRule.NamespaceProhibited,
        ["vscode-extension"] = LowerCased(PurlTypeRule.NamespaceRequired("the publisher")) with { LowerCaseVersion = true },
        ["yocto"] = PurlTypeRule.NamespaceOptional with { LowerCaseNamespace = true },
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static PurlTypeRule For(string type) => s_byType.GetValueOrDefault(type, PurlTypeRule.NamespaceOptional);

    private static PurlTypeRule LowerCased(PurlTypeRule rule) => rule with { LowerCaseNamespace = true, LowerCaseName = true };
}
