using Depwatch.Core.PackageIndexes;

namespace Depwatch.Core.Tests.PackageIndexes;

public sealed class PackageIndexSourceTests
{
    [Theory]
    [InlineData("https://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.xz", "debian-12")]
    [InlineData("https://deb.debian.org/debian-security/dists/bookworm-security/main/binary-amd64/Packages.xz", "debian-12")]
    [InlineData("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages", "debian-12")]
    [InlineData("http://archive.ubuntu.com/ubuntu/dists/jammy-security/main/binary-amd64/Packages.gz", "ubuntu-22.04")]
    [InlineData("https://dl-cdn.alpinelinux.org/alpine/v3.19/community/x86_64/APKINDEX.tar.gz", "alpine-3.19")]
    [InlineData("mirror/alpine/v3.20/main/aarch64/APKINDEX.tar.gz", "alpine-3.20")]
    public void The_release_is_read_from_a_mirror_path(string location, string release)
    {
        var source = PackageIndexSource.Parse(location, out var problem);

        Assert.Null(problem);
        Assert.Equal((release, location), (source!.Release.ToString(), source.Location));
    }

    [Theory]
    [InlineData("debian-12=/srv/indexes/Packages.xz", "debian-12", "/srv/indexes/Packages.xz", false)]
    [InlineData("bookworm=./Packages", "debian-12", "./Packages", false)]
    [InlineData("alpine-3.19=http://mirror.internal/APKINDEX.tar.gz?x=1", "alpine-3.19", "http://mirror.internal/APKINDEX.tar.gz?x=1", true)]
    public void A_release_can_be_named_before_the_location(string text, string release, string location, bool isUrl)
    {
        var source = PackageIndexSource.Parse(text, out _)!;

        Assert.Equal((release, location, isUrl), (source.Release.ToString(), source.Location, source.IsUrl));
    }

    [Theory]
    [InlineData("/srv/Packages.xz", "cannot tell which release '/srv/Packages.xz' indexes: write it as RELEASE=LOCATION, e.g. debian-12=/srv/Packages.xz")]
    [InlineData("fedora-39=/srv/Packages", "'fedora-39' in 'fedora-39=/srv/Packages' names no Debian, Ubuntu or Alpine release")]
    [InlineData("debian-12=", "no path or URL is given for debian-12")]
    public void A_source_without_a_release_or_location_is_refused_saying_how_to_write_it(string text, string expected)
    {
        Assert.Null(PackageIndexSource.Parse(text, out var problem));
        Assert.StartsWith(expected, problem);
    }
}
