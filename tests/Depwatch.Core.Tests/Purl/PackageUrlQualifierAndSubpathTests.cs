using Depwatch.Core.Purl;

namespace Depwatch.Core.Tests.Purl;

public class PackageUrlQualifierAndSubpathTests
{
    [Fact]
    public void Qualifier_keys_are_lower_cased_and_sorted()
    {
        var purl = PackageUrl.Parse("pkg:rpm/fedora/curl@8.2.1?Distro=fedora-39&ARCH=x86_64&epoch=1");

        Assert.Equal(["arch", "distro", "epoch"], purl.Qualifiers.Keys);
        Assert.Equal("pkg:rpm/fedora/curl@8.2.1?arch=x86_64&distro=fedora-39&epoch=1", purl.ToString());
    }

    [Fact]
    public void Qualifiers_are_sorted_by_key_not_by_pair()
    {
        var purl = PackageUrl.Parse("pkg:conan/zlib@1.3?os.version=13&os=Macos&os-build=x");

        Assert.Equal("pkg:conan/zlib@1.3?os=Macos&os-build=x&os.version=13", purl.ToString());
    }

    [Fact]
    public void Qualifiers_with_empty_values_are_dropped()
    {
        var purl = PackageUrl.Parse("pkg:deb/debian/curl@7.88.1?arch=&distro=debian-12&&");

        Assert.Equal(["distro"], purl.Qualifiers.Keys);
        Assert.Equal("pkg:deb/debian/curl@7.88.1?distro=debian-12", purl.ToString());
    }

    [Fact]
    public void Only_empty_qualifiers_give_no_question_mark()
    {
        Assert.Equal("pkg:deb/debian/curl@7.88.1", PackageUrl.Parse("pkg:deb/debian/curl@7.88.1?arch=").ToString());
    }

    [Fact]
    public void Qualifier_values_are_decoded_and_reencoded()
    {
        var purl = PackageUrl.Parse("pkg:npm/left-pad@1.3.0?vcs_url=git+https://github.com/left-pad/left-pad.git%40abc&note=a%3Db");

        Assert.Equal("git+https://github.com/left-pad/left-pad.git@abc", purl.Qualifier("vcs_url"));
        Assert.Equal("a=b", purl.Qualifier("note"));
        Assert.Equal(
            "pkg:npm/left-pad@1.3.0?note=a%3Db&vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fleft-pad%2Fleft-pad.git%40abc",
            purl.ToString());
    }

    [Fact]
    public void A_raw_equals_sign_belongs_to_the_value()
    {
        var purl = PackageUrl.Parse("pkg:generic/thing@1?download_url=https://example.org/get?id=7");

        Assert.Equal("https://example.org/get?id=7", purl.Qualifier("download_url"));
        Assert.Equal("pkg:generic/thing@1?download_url=https:%2F%2Fexample.org%2Fget%3Fid%3D7", purl.ToString());
    }

    [Fact]
    public void Checksum_lists_keep_their_commas_encoded()
    {
        var purl = PackageUrl.Parse("pkg:generic/openssl@3.2.0?checksum=sha1:ad95,sha256:41bf");

        Assert.Equal("sha1:ad95,sha256:41bf", purl.Qualifier("checksum"));
        Assert.Equal("pkg:generic/openssl@3.2.0?checksum=sha1:ad95%2Csha256:41bf", purl.ToString());
    }

    [Theory]
    [InlineData("pkg:golang/google.golang.org/genproto#/googleapis/api/annotations/", "googleapis/api/annotations")]
    [InlineData("pkg:golang/google.golang.org/genproto#googleapis//api/./annotations/..", "googleapis/api/annotations")]
    [InlineData("pkg:cocoapods/GoogleUtilities@7.5.2#NSData+zlib", "NSData+zlib")]
    [InlineData("pkg:github/package-url/purl-spec@v1#docs/read%20me.md", "docs/read me.md")]
    [InlineData("pkg:npm/left-pad@1.3.0#%2E%2E/etc", "etc")]
    public void Subpath_segments_are_decoded_and_cleaned(string text, string subpath)
    {
        Assert.Equal(subpath, PackageUrl.Parse(text).Subpath);
    }

    [Theory]
    [InlineData("pkg:golang/google.golang.org/genproto#/googleapis/api/annotations/", "pkg:golang/google.golang.org/genproto#googleapis/api/annotations")]
    [InlineData("pkg:cocoapods/GoogleUtilities@7.5.2#NSData+zlib", "pkg:cocoapods/GoogleUtilities@7.5.2#NSData%2Bzlib")]
    [InlineData("pkg:github/package-url/purl-spec@v1#docs/read%20me.md", "pkg:github/package-url/purl-spec@v1#docs/read%20me.md")]
    [InlineData("pkg:npm/left-pad@1.3.0#./../", "pkg:npm/left-pad@1.3.0")]
    [InlineData("pkg:npm/left-pad@1.3.0?arch=&#", "pkg:npm/left-pad@1.3.0")]
    public void Subpath_is_encoded_segment_by_segment(string text, string canonical)
    {
        Assert.Equal(canonical, PackageUrl.Parse(text).ToString());
    }

    [Fact]
    public void Qualifiers_and_subpath_together()
    {
        var purl = PackageUrl.Parse("pkg:otp/asn1@5.4.1?platform=linux&arch=amd64#src/asn1ct.erl");

        Assert.Equal("amd64", purl.Qualifier("arch"));
        Assert.Equal("src/asn1ct.erl", purl.Subpath);
        Assert.Equal("pkg:otp/asn1@5.4.1?arch=amd64&platform=linux#src/asn1ct.erl", purl.ToString());
    }
}
