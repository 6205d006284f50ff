using Depwatch.Core.Purl;

namespace Depwatch.Core.Tests.Purl;

/// <summary>
/// dpkg and rpm compare epoch first: 7:5.1.6 is newer than 5.1.7. Purls carry the epoch in a qualifier, SBOM
/// generators sometimes only in the component's version; wherever one of them keeps it, it is the package's version.
/// </summary>
public sealed class EpochVersionsTests
{
    [Theory]
    // Trivy: the version without the epoch, the epoch in the qualifier.
    [InlineData("pkg:deb/debian/libavcodec59@5.1.6-0%2Bdeb12u1?epoch=7", "5.1.6-0+deb12u1", "7:5.1.6-0+deb12u1")]
    [InlineData("pkg:rpm/rocky/dbus-libs@1.12.20-8.el9?arch=x86_64&epoch=1", null, "1:1.12.20-8.el9")]
    // Syft: the epoch inside the purl's version.
    [InlineData("pkg:deb/debian/login@1%3A4.13%2Bdfsg1-1%2Bb1", "1:4.13+dfsg1-1+b1", "1:4.13+dfsg1-1+b1")]
    // cdxgen: the purl lost the epoch, the component's version kept it.
    [InlineData("pkg:deb/debian/ffmpeg@5.1.6-0%2Bdeb12u1?distro=debian-12", "7:5.1.6-0+deb12u1", "7:5.1.6-0+deb12u1")]
    [InlineData("pkg:rpm/rocky/dbus-libs@1.12.20-8.el9", "1:1.12.20-8.el9", "1:1.12.20-8.el9")]
    // A component version that is not the purl's says nothing about the purl's epoch.
    [InlineData("pkg:deb/debian/ffmpeg@5.1.6-0%2Bdeb12u1", "7:5.1.7-0+deb12u1", "5.1.6-0+deb12u1")]
    // Epoch 0 is no epoch; other package types have none.
    [InlineData("pkg:deb/debian/bash@5.2.15-2?epoch=0", "5.2.15-2", "5.2.15-2")]
    [InlineData("pkg:apk/alpine/busybox@1.36.1-r15?epoch=1", "1.36.1-r15", "1.36.1-r15")]
    [InlineData("pkg:npm/left-pad@1.3.0", "1:1.3.0", "1.3.0")]
    public void The_full_version_has_the_epoch_wherever_the_sbom_kept_it(string purl, string? componentVersion, string expected)
    {
        Assert.Equal(expected, EpochVersions.Full(PackageUrl.Parse(purl), componentVersion));
    }

    [Theory]
    [InlineData("5.1.6-0+deb12u1", "pkg:deb/debian/libavcodec59@5.1.6-0%2Bdeb12u1?epoch=7", "7:5.1.6-0+deb12u1")]
    [InlineData("7:5.1.6-0+deb12u1", "pkg:deb/debian/libavcodec59@5.1.6-0%2Bdeb12u1?epoch=7", "7:5.1.6-0+deb12u1")]
    [InlineData("5.1.6", "pkg:deb/debian/libavcodec59@5.1.6-0%2Bdeb12u1?epoch=7", "5.1.6")]
    [InlineData("3.0.11-1~deb12u2", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2", "3.0.11-1~deb12u2")]
    [InlineData(null, "pkg:rpm/rocky/dbus-libs@1.12.20-8.el9?epoch=1", null)]
    [InlineData("1.0", null, "1.0")]
    public void A_component_version_gets_the_epoch_its_purl_adds_to_the_same_version(string? version, string? purl, string? expected)
    {
        Assert.Equal(expected, EpochVersions.Complete(version, purl is null ? null : PackageUrl.Parse(purl)));
    }
}
