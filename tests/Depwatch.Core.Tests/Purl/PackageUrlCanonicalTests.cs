using Depwatch.Core.Purl;

namespace Depwatch.Core.Tests.Purl;

/// <summary>Non-canonical input on the left, the canonical form the type's rules give on the right.</summary>
public class PackageUrlCanonicalTests
{
    [Theory]
    // scheme and type
    [InlineData("PKG:NPM/left-pad@1.3.0", "pkg:npm/left-pad@1.3.0")]
    [InlineData("pkg:/maven/org.slf4j/slf4j-api@2.0.9", "pkg:maven/org.slf4j/slf4j-api@2.0.9")]
    [InlineData("pkg://maven/org.slf4j/slf4j-api@2.0.9", "pkg:maven/org.slf4j/slf4j-api@2.0.9")]
    [InlineData("pkg:///maven/org.slf4j/slf4j-api", "pkg:maven/org.slf4j/slf4j-api")]
    [InlineData("pkg:my.private-type/thing@1", "pkg:my.private-type/thing@1")]
    // slashes around namespace and name
    [InlineData("pkg:golang//github.com//gorilla/mux@v1.8.0", "pkg:golang/github.com/gorilla/mux@v1.8.0")]
    [InlineData("pkg:maven/org.slf4j/slf4j-api/", "pkg:maven/org.slf4j/slf4j-api")]
    [InlineData("pkg:npm/leftpad@", "pkg:npm/leftpad")]
    // case: lower-cased namespace and name
    [InlineData("pkg:github/Package-URL/Purl-Spec@v1.0", "pkg:github/package-url/purl-spec@v1.0")]
    [InlineData("pkg:bitbucket/AtlassianLabs/Atlaskit@abc123", "pkg:bitbucket/atlassianlabs/atlaskit@abc123")]
    [InlineData("pkg:deb/Ubuntu/OpenSSL@3.0.2-0ubuntu1.12?arch=amd64", "pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.12?arch=amd64")]
    [InlineData("pkg:apk/Alpine/Musl@1.2.4-r2", "pkg:apk/alpine/musl@1.2.4-r2")]
    [InlineData("pkg:alpm/Arch/Pacman@6.0.2-9", "pkg:alpm/arch/pacman@6.0.2-9")]
    [InlineData("pkg:composer/Symfony/Console@6.4.0", "pkg:composer/symfony/console@6.4.0")]
    [InlineData("pkg:hex/Phoenix@1.7.10", "pkg:hex/phoenix@1.7.10")]
    [InlineData("pkg:brew/Homebrew/Core/OpenSSL%403@3.2.0", "pkg:brew/homebrew/core/openssl%403@3.2.0")]
    [InlineData("pkg:luarocks/Hisham/LuaFileSystem@1.8.0-1", "pkg:luarocks/hisham/luafilesystem@1.8.0-1")]
    [InlineData("pkg:bitnami/WordPress@6.4.2?distro=debian-12", "pkg:bitnami/wordpress@6.4.2?distro=debian-12")]
    [InlineData("pkg:otp/Stdlib@5.2", "pkg:otp/stdlib@5.2")]
    [InlineData("pkg:vscode-extension/MS-Python/Python@2024.0.1", "pkg:vscode-extension/ms-python/python@2024.0.1")]
    // case: only the namespace
    [InlineData("pkg:rpm/Fedora/NetworkManager@1.44.2-1.fc39", "pkg:rpm/fedora/NetworkManager@1.44.2-1.fc39")]
    [InlineData("pkg:qpkg/BlackBerry/com.qnx.sdp@7.1", "pkg:qpkg/blackberry/com.qnx.sdp@7.1")]
    [InlineData("pkg:yocto/Meta-OE/Nano@7.2", "pkg:yocto/meta-oe/Nano@7.2")]
    [InlineData("pkg:cpan/drolsky/DateTime@1.65", "pkg:cpan/DROLSKY/DateTime@1.65")]
    // case: name and version
    [InlineData("pkg:oci/Debian@SHA256%3AABCDEF0123?tag=Bookworm", "pkg:oci/debian@sha256:abcdef0123?tag=Bookworm")]
    [InlineData("pkg:huggingface/Qwen/Qwen2-7B@ABCDEF0123", "pkg:huggingface/Qwen/Qwen2-7B@abcdef0123")]
    // case preserved
    [InlineData("pkg:maven/HTTPClient/HTTPClient@0.3-3", "pkg:maven/HTTPClient/HTTPClient@0.3-3")]
    [InlineData("pkg:npm/JSONStream@1.3.5", "pkg:npm/JSONStream@1.3.5")]
    [InlineData("pkg:nuget/Microsoft.Extensions.Logging@8.0.0", "pkg:nuget/Microsoft.Extensions.Logging@8.0.0")]
    [InlineData("pkg:golang/github.com/BurntSushi/toml@v1.3.2", "pkg:golang/github.com/BurntSushi/toml@v1.3.2")]
    [InlineData("pkg:swift/github.com/Alamofire/Alamofire@5.8.1", "pkg:swift/github.com/Alamofire/Alamofire@5.8.1")]
    [InlineData("pkg:cocoapods/AFNetworking@4.0.1", "pkg:cocoapods/AFNetworking@4.0.1")]
    [InlineData("pkg:cran/ggplot2@3.4.4", "pkg:cran/ggplot2@3.4.4")]
    [InlineData("pkg:hackage/QuickCheck@2.14.3", "pkg:hackage/QuickCheck@2.14.3")]
    [InlineData("pkg:conan/Poco@1.12.5", "pkg:conan/Poco@1.12.5")]
    [InlineData("pkg:docker/Library/Debian@Bookworm", "pkg:docker/Library/Debian@Bookworm")]
    // name rewriting
    [InlineData("pkg:pypi/Typing_Extensions@4.9.0", "pkg:pypi/typing-extensions@4.9.0")]
    [InlineData("pkg:pypi/zope.interface@6.1", "pkg:pypi/zope.interface@6.1")]
    [InlineData("pkg:pypi/pyyaml@6.0RC1", "pkg:pypi/pyyaml@6.0rc1")]
    [InlineData("pkg:pub/Flutter-Lints@3.0.1", "pkg:pub/flutter_lints@3.0.1")]
    [InlineData("pkg:mlflow/FraudModel@4?repository_url=https://adb-123.4.azuredatabricks.net/api/2.0/mlflow",
        "pkg:mlflow/fraudmodel@4?repository_url=https:%2F%2Fadb-123.4.azuredatabricks.net%2Fapi%2F2.0%2Fmlflow")]
    [InlineData("pkg:mlflow/FraudModel@4?repository_url=https://westeurope.api.azureml.ms/mlflow/v1.0",
        "pkg:mlflow/FraudModel@4?repository_url=https:%2F%2Fwesteurope.api.azureml.ms%2Fmlflow%2Fv1.0")]
    // right-to-left splitting
    [InlineData("pkg:brew/python@3.12@3.12.1", "pkg:brew/python%403.12@3.12.1")]
    [InlineData("pkg:npm/@angular/core", "pkg:npm/%40angular/core")]
    [InlineData("pkg:npm/@angular/core@17.0.8", "pkg:npm/%40angular/core@17.0.8")]
    // type-specific required qualifiers present
    [InlineData("pkg:julia/JSON@0.21.4?uuid=682c06a0-de6a-54ab-a142-c8b1cf79cde6",
        "pkg:julia/JSON@0.21.4?uuid=682c06a0-de6a-54ab-a142-c8b1cf79cde6")]
    [InlineData("pkg:swid/Acme/acme.example/Road+Runner@2.1?tag_id=rr-21",
        "pkg:swid/Acme/acme.example/Road%2BRunner@2.1?tag_id=rr-21")]
    [InlineData("pkg:chrome-extension/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP@1.2.3.4",
        "pkg:chrome-extension/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaap@1.2.3.4")]
    public void Input_is_normalised_to_the_canonical_form(string input, string canonical)
    {
        Assert.Equal(canonical, PackageUrl.Parse(input).ToString());
    }

    [Theory]
    [InlineData("pkg:generic/openssl@3.2.0?checksum=sha256:abc%2Csha1:def&download_url=https:%2F%2Fexample.org%2Fopenssl-3.2.0.tar.gz")]
    [InlineData("pkg:conan/openssl.org/openssl@3.0.3?arch=x86_64&build_type=Debug&compiler=Visual%20Studio&compiler.runtime=MDd&compiler.version=16")]
    [InlineData("pkg:bazel/rules_java@8.5.0#java/runfiles:runfiles")]
    [InlineData("pkg:docker/library/nginx@sha256:0123abcd?repository_url=docker.io")]
    [InlineData("pkg:vcpkg/zlib@1.3.1?triplet=x64-linux&vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fmicrosoft%2Fvcpkg%40b5d3197b")]
    [InlineData("pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64")]
    [InlineData("pkg:hex/acme/private_lib@2.3.")]
    [InlineData("pkg:cpan/URI-PackageURL@2.11?author=GDT")]
    public void Canonical_input_is_kept_as_is(string canonical)
    {
        Assert.Equal(canonical, PackageUrl.Parse(canonical).ToString());
    }

    [Theory]
    [InlineData("pkg:Maven/org.example/app@1%2E0?Type=war#/WEB-INF//./classes/")]
    [InlineData("pkg://npm/@types/node@20.10.5?vcs_url=git+https://github.com/DefinitelyTyped/DefinitelyTyped")]
    [InlineData("pkg:pypi/Some_Package@1.0?file_name=Some Package-1.0.tar.gz")]
    public void Canonical_form_parses_to_itself(string input)
    {
        var canonical = PackageUrl.Parse(input).ToString();

        Assert.Equal(canonical, PackageUrl.Parse(canonical).ToString());
    }
}
