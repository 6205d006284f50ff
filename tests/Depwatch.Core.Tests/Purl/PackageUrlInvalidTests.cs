using Depwatch.Core.Purl;

namespace Depwatch.Core.Tests.Purl;

public class PackageUrlInvalidTests
{
    [Theory]
    // scheme
    [InlineData("npm/left-pad@1.3.0", "has no 'pkg:' scheme")]
    [InlineData("pkg%3Anpm/left-pad@1.3.0", "has no 'pkg:' scheme")]
    [InlineData("purl:npm/left-pad@1.3.0", "has no 'pkg:' scheme")]
    [InlineData("https://registry.npmjs.org/left-pad", "has no 'pkg:' scheme")]
    // type
    [InlineData("pkg:", "has no type after 'pkg:'")]
    [InlineData("pkg:/@1.0", "type '@1.0' must start with a letter")]
    [InlineData("pkg:3scale/apicast@3.0", "type '3scale' must start with a letter")]
    [InlineData("pkg:-npm/left-pad", "type '-npm' must start with a letter")]
    [InlineData("pkg:n&m/left-pad", "type 'n&m' contains an invalid character '&'")]
    [InlineData("pkg:npm:x/left-pad", "type 'npm:x' contains an invalid character ':'")]
    [InlineData("pkg:c++/boost@1.84", "type 'c++' contains an invalid character '+'")]
    [InlineData("pkg:left-pad@1.3.0", "type 'left-pad@1.3.0' contains an invalid character '@'")]
    // name
    [InlineData("pkg:npm", "has no name after the type 'npm'")]
    [InlineData("pkg:npm/", "has no name")]
    [InlineData("pkg:maven/@1.3.4", "has no name")]
    [InlineData("pkg:swift/github.com/Alamofire/@5.8.1", "has no name")]
    // namespace required or prohibited by the type
    [InlineData("pkg:maven/foo", "a maven purl needs a namespace (the groupId)")]
    [InlineData("pkg:deb/curl@7.88.1", "a deb purl needs a namespace (the vendor, e.g. debian)")]
    [InlineData("pkg:rpm/curl@8.2.1", "a rpm purl needs a namespace (the vendor, e.g. fedora)")]
    [InlineData("pkg:apk/busybox@1.36.1-r15", "an apk purl needs a namespace (the vendor, e.g. alpine)")]
    [InlineData("pkg:composer/framework@10.0.0", "a composer purl needs a namespace (the vendor)")]
    [InlineData("pkg:github/purl-spec", "a github purl needs a namespace (the user or organization)")]
    [InlineData("pkg:swift/Alamofire@5.8.1", "a swift purl needs a namespace")]
    [InlineData("pkg:huggingface/bert-base-uncased", "a huggingface purl needs a namespace")]
    [InlineData("pkg:vscode-extension/python", "a vscode-extension purl needs a namespace (the publisher)")]
    [InlineData("pkg:pypi/acme/requests@2.31.0", "a pypi purl takes no namespace, got 'acme'")]
    [InlineData("pkg:cargo/rust-lang/regex@1.10.2", "a cargo purl takes no namespace, got 'rust-lang'")]
    [InlineData("pkg:nuget/Microsoft/Extensions.Logging@8.0.0", "a nuget purl takes no namespace, got 'Microsoft'")]
    [InlineData("pkg:gem/ruby/rails@7.0.0", "a gem purl takes no namespace, got 'ruby'")]
    [InlineData("pkg:oci/library/debian@sha256:abc", "an oci purl takes no namespace, got 'library'")]
    [InlineData("pkg:vcpkg/boost/asio@1.84.0", "a vcpkg purl takes no namespace, got 'boost'")]
    // other type-specific rules
    [InlineData("pkg:julia/JSON@0.21.4", "a julia purl needs the qualifier 'uuid'")]
    [InlineData("pkg:swid/Acme/Road%2BRunner@2.1", "a swid purl needs the qualifier 'tag_id'")]
    [InlineData("pkg:swid/Acme/acme.example/extra/Runner@2.1?tag_id=x", "a swid namespace has at most two segments")]
    [InlineData("pkg:cpan/URI::PackageURL@2.11", "a cpan name is a distribution name, not the module name 'URI::PackageURL' (e.g. 'URI-PackageURL')")]
    [InlineData("pkg:cocoapods/Google%2BUtilities@7.5.2", "a cocoapods name cannot contain whitespace or '+' nor start with '.'")]
    [InlineData("pkg:chrome-extension/dogs", "a chrome-extension name is the 32-letter extension id (letters a to p), got 'dogs'")]
    [InlineData("pkg:chrome-extension/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaap@1.2.3-beta", "a chrome-extension version has one to four dot-separated numbers, got '1.2.3-beta'")]
    // qualifiers
    [InlineData("pkg:npm/left-pad@1.3.0?a b=1", "qualifier key 'a b' contains an invalid character")]
    [InlineData("pkg:npm/left-pad@1.3.0?in%20production=true", "qualifier key 'in%20production' contains an invalid character")]
    [InlineData("pkg:npm/left-pad@1.3.0?1st=true", "qualifier key '1st' must start with a letter")]
    [InlineData("pkg:npm/left-pad@1.3.0?_private=true", "qualifier key '_private' must start with a letter")]
    [InlineData("pkg:npm/left-pad@1.3.0?=true", "a qualifier has an empty key")]
    [InlineData("pkg:npm/left-pad@1.3.0?dev", "qualifier 'dev' has no '=' between key and value")]
    [InlineData("pkg:deb/debian/curl@7.88.1?arch=amd64&distro=debian-12&arch=i386", "duplicate qualifier 'arch'")]
    [InlineData("pkg:deb/debian/curl@7.88.1?arch=amd64&ARCH=i386", "duplicate qualifier 'arch'")]
    // percent-encoding
    [InlineData("pkg:npm/left%2pad@1.3.0", "name 'left%2pad' has a '%' that is not followed by two hex digits")]
    [InlineData("pkg:npm/left-pad@1.3.0%", "version '1.3.0%' has a '%' that is not followed by two hex digits")]
    [InlineData("pkg:npm/left-pad@1.3.0?note=100%", "qualifier 'note' '100%' has a '%' that is not followed by two hex digits")]
    [InlineData("pkg:npm/%40bad%ZZscope/left-pad", "namespace segment '%40bad%ZZscope' has a '%' that is not followed by two hex digits")]
    [InlineData("pkg:npm/left-pad@1.3.0%FF", "version '1.3.0%FF' is not valid UTF-8 once percent-decoded")]
    [InlineData("pkg:golang/github.com%2Fgorilla/mux", "namespace segment 'github.com%2Fgorilla' contains an encoded '/'")]
    [InlineData("pkg:npm/left-pad@1.3.0#lib%2Findex.js", "subpath segment 'lib%2Findex.js' contains an encoded '/'")]
    public void Invalid_purl_error_names_the_problem(string text, string expectedProblem)
    {
        Assert.False(PackageUrl.TryParse(text, out var purl, out var error));
        Assert.Null(purl);
        Assert.StartsWith($"purl '{text}' is invalid: ", error);
        Assert.Contains(expectedProblem, error, StringComparison.Ordinal);
    }
}
