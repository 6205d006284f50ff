using Depwatch.Core.Purl;

namespace Depwatch.Core.Tests.Purl;

public class PackageUrlEncodingTests
{
    [Theory]
    [InlineData("pkg:maven/mygroup/myartifact@1.0.0%20Final", "1.0.0 Final")]
    [InlineData("pkg:maven/mygroup/myartifact@1.0.0 Final", "1.0.0 Final")]
    [InlineData("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4", "2.36-9+deb12u4")]
    [InlineData("pkg:deb/debian/libc6@2.36-9+deb12u4", "2.36-9+deb12u4")]
    [InlineData("pkg:deb/debian/attr@1%3A2.4.47-2", "1:2.4.47-2")]
    [InlineData("pkg:generic/thing@caf%C3%A9", "café")]
    [InlineData("pkg:generic/thing@%e2%82%ac1", "€1")]
    public void Version_is_percent_decoded(string text, string version)
    {
        Assert.Equal(version, PackageUrl.Parse(text).Version);
    }

    [Theory]
    [InlineData("pkg:maven/mygroup/myartifact@1.0.0 Final", "pkg:maven/mygroup/myartifact@1.0.0%20Final")]
    [InlineData("pkg:deb/debian/libc6@2.36-9+deb12u4", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4")]
    [InlineData("pkg:deb/debian/attr@1%3A2.4.47-2", "pkg:deb/debian/attr@1:2.4.47-2")]
    [InlineData("pkg:generic/thing@caf%c3%a9", "pkg:generic/thing@caf%C3%A9")]
    [InlineData("pkg:generic/thing@café", "pkg:generic/thing@caf%C3%A9")]
    [InlineData("pkg:generic/%7Eowner/thing@1~rc1", "pkg:generic/~owner/thing@1~rc1")]
    [InlineData("pkg:generic/thing@1%2Fbeta", "pkg:generic/thing@1%2Fbeta")]
    [InlineData("pkg:generic/a%2Fb@1", "pkg:generic/a%2Fb@1")]
    [InlineData("pkg:generic/thing@1!2*3'(4)", "pkg:generic/thing@1%212%2A3%27%284%29")]
    [InlineData("pkg:generic/the%20thing@1", "pkg:generic/the%20thing@1")]
    public void Canonical_form_encodes_all_but_letters_digits_punctuation_and_colon(string text, string canonical)
    {
        Assert.Equal(canonical, PackageUrl.Parse(text).ToString());
    }

    [Fact]
    public void Name_may_hold_an_encoded_slash()
    {
        var purl = PackageUrl.Parse("pkg:generic/a%2Fb@1");

        Assert.Null(purl.Namespace);
        Assert.Equal("a/b", purl.Name);
    }

    [Theory]
    [InlineData("pkg:npm/%40babel/core", "@babel")]
    [InlineData("pkg:npm/@babel/core", "@babel")]
    [InlineData("pkg:npm/%40Babel/core", "@Babel")]
    [InlineData("pkg:golang/example.com/a%20b/c/mod", "example.com/a b/c")]
    public void Namespace_segments_are_decoded_one_by_one(string text, string @namespace)
    {
        Assert.Equal(@namespace, PackageUrl.Parse(text).Namespace);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("Az09.-_~:", "Az09.-_~:")]
    [InlineData("@", "%40")]
    [InlineData("a b", "a%20b")]
    [InlineData("+", "%2B")]
    [InlineData("/?#&=%", "%2F%3F%23%26%3D%25")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("😀", "%F0%9F%98%80")]
    public void Encode_leaves_only_the_permitted_characters(string value, string encoded)
    {
        Assert.Equal(encoded, PurlEncoding.Encode(value));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("%41%62", "Ab")]
    [InlineData("a+b", "a+b")]
    [InlineData("%F0%9F%98%80", "😀")]
    [InlineData("%25", "%")]
    public void Decode_turns_triplets_into_utf8_text(string text, string decoded)
    {
        Assert.Equal(decoded, PurlEncoding.Decode(text, "version"));
    }
}
