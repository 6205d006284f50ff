using Depwatch.Core.Purl;

namespace Depwatch.Core.Tests.Purl;

public class PackageUrlTests
{
    [Theory]
    [InlineData("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5")]
    [InlineData("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc")]
    [InlineData("pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1&upstream=busybox")]
    [InlineData("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm")]
    [InlineData("pkg:npm/%40babel/core@7.23.0")]
    [InlineData("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.1?type=jar")]
    [InlineData("pkg:golang/golang.org/x/net@v0.17.0")]
    [InlineData("pkg:nuget/Newtonsoft.Json@12.0.1")]
    [InlineData("pkg:cargo/smallvec@1.6.0")]
    [InlineData("pkg:gem/rails@7.0.0")]
    [InlineData("pkg:composer/laravel/framework@10.0.0")]
    public void Real_sbom_purls_in_canonical_form_round_trip(string text)
    {
        Assert.Equal(text, PackageUrl.Parse(text).ToString());
    }

    [Theory]
    [InlineData("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12",
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc")]
    [InlineData("pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&upstream=busybox&distro=alpine-3.19.1",
        "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1&upstream=busybox")]
    [InlineData("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm&distro=rhel-9.3",
        "pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm")]
    [InlineData("pkg:pypi/Django_Rest@1.0", "pkg:pypi/django-rest@1.0")]
    public void Real_sbom_purls_are_normalised(string text, string canonical)
    {
        Assert.Equal(canonical, PackageUrl.Parse(text).ToString());
    }

    [Fact]
    public void Debian_purl_exposes_decoded_components()
    {
        var purl = PackageUrl.Parse("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12");

        Assert.Equal("deb", purl.Type);
        Assert.Equal("debian", purl.Namespace);
        Assert.Equal("libc6", purl.Name);
        Assert.Equal("2.36-9+deb12u4", purl.Version);
        Assert.Equal(["arch", "distro", "upstream"], purl.Qualifiers.Keys);
        Assert.Equal("glibc", purl.Qualifier("upstream"));
        Assert.Null(purl.Subpath);
    }

    [Fact]
    public void Npm_scope_is_the_decoded_namespace()
    {
        var purl = PackageUrl.Parse("pkg:npm/%40babel/core@7.23.0");

        Assert.Equal("@babel", purl.Namespace);
        Assert.Equal("core", purl.Name);
        Assert.Equal("7.23.0", purl.Version);
        Assert.Empty(purl.Qualifiers);
    }

    [Fact]
    public void Golang_namespace_keeps_every_segment_but_the_last()
    {
        var purl = PackageUrl.Parse("pkg:golang/golang.org/x/net@v0.17.0");

        Assert.Equal("golang.org/x", purl.Namespace);
        Assert.Equal("net", purl.Name);
        Assert.Equal("v0.17.0", purl.Version);
    }

    [Fact]
    public void Rpm_epoch_is_a_qualifier()
    {
        var purl = PackageUrl.Parse("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&distro=rhel-9.3");

        Assert.Equal("1", purl.Qualifier("epoch"));
        Assert.Equal("3.0.7-24.el9", purl.Version);
    }

    [Fact]
    public void Qualifier_lookup_ignores_the_case_of_the_key()
    {
        var purl = PackageUrl.Parse("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.1?type=jar");

        Assert.Equal("jar", purl.Qualifier("TYPE"));
        Assert.Null(purl.Qualifier("classifier"));
    }

    [Fact]
    public void A_purl_without_version_has_null_version()
    {
        var purl = PackageUrl.Parse("pkg:maven/org.apache.commons/io");

        Assert.Null(purl.Version);
        Assert.Equal("pkg:maven/org.apache.commons/io", purl.ToString());
    }

    [Fact]
    public void Equality_is_by_canonical_form()
    {
        var written = PackageUrl.Parse("PKG:PyPI/Django_Rest@1.0");
        var canonical = PackageUrl.Parse("pkg:pypi/django-rest@1.0");

        Assert.Equal(canonical, written);
        Assert.True(written.Equals((object)canonical));
        Assert.Equal(canonical.GetHashCode(), written.GetHashCode());
        Assert.NotEqual(canonical, PackageUrl.Parse("pkg:pypi/django-rest@1.1"));
        Assert.False(canonical.Equals(null));
    }

    [Fact]
    public void Purls_work_as_dictionary_keys()
    {
        var seen = new HashSet<PackageUrl>
        {
            PackageUrl.Parse("pkg:deb/debian/curl@7.88.1?distro=debian-12&arch=amd64"),
            PackageUrl.Parse("pkg:deb/Debian/Curl@7.88.1?arch=amd64&distro=debian-12"),
        };

        Assert.Single(seen);
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_problem()
    {
        var error = Assert.Throws<PackageUrlFormatException>(() => PackageUrl.Parse("pkg:maven/foo"));

        Assert.Equal("purl 'pkg:maven/foo' is invalid: a maven purl needs a namespace (the groupId)", error.Message);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void TryParse_reports_the_error_without_throwing()
    {
        var parsed = PackageUrl.TryParse("npm/left-pad", out var purl, out var error);

        Assert.False(parsed);
        Assert.Null(purl);
        Assert.Equal("purl 'npm/left-pad' is invalid: it has no 'pkg:' scheme", error);
    }

    [Fact]
    public void TryParse_returns_the_purl_and_no_error()
    {
        var parsed = PackageUrl.TryParse("pkg:cargo/smallvec@1.6.0", out var purl, out var error);

        Assert.True(parsed);
        Assert.Equal("smallvec", purl?.Name);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_text_is_an_error(string? text)
    {
        Assert.False(PackageUrl.TryParse(text, out _, out var error));
        Assert.Equal("purl is empty", error);
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored()
    {
        Assert.Equal("pkg:gem/rails@7.0.0", PackageUrl.Parse("  pkg:gem/rails@7.0.0\n").ToString());
    }
}
