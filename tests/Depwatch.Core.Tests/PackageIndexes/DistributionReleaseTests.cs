using Depwatch.Core.PackageIndexes;

namespace Depwatch.Core.Tests.PackageIndexes;

public sealed class DistributionReleaseTests
{
    [Theory]
    [InlineData("debian", "12", "debian-12", "bookworm")]
    [InlineData("debian", "12.5", "debian-12", "bookworm")]
    [InlineData("debian", "bookworm", "debian-12", "bookworm")]
    [InlineData("debian", "11", "debian-11", "bullseye")]
    [InlineData("debian", "13", "debian-13", "trixie")]
    [InlineData("ubuntu", "22.04", "ubuntu-22.04", "jammy")]
    [InlineData("ubuntu", "22.04.4", "ubuntu-22.04", "jammy")]
    [InlineData("ubuntu", "noble", "ubuntu-24.04", "noble")]
    [InlineData("alpine", "3.19.1", "alpine-3.19", null)]
    [InlineData("alpine", "edge", "alpine-edge", null)]
    public void An_os_version_belongs_to_its_release(string family, string version, string release, string? codename)
    {
        var actual = DistributionRelease.For(family, version)!;

        Assert.Equal(release, actual.ToString());
        Assert.Equal(codename, actual.Codename);
    }

    [Theory]
    [InlineData("redhat", "9.3")]
    [InlineData("debian", "")]
    [InlineData("debian", "trixie/sid")]
    [InlineData("ubuntu", "22")]
    [InlineData("debian", "jammy")]
    public void Other_families_and_unknown_versions_have_no_release(string family, string version) =>
        Assert.Null(DistributionRelease.For(family, version));

    [Theory]
    [InlineData("debian-12", "debian-12")]
    [InlineData("Debian-12.5", "debian-12")]
    [InlineData("debian-bookworm", "debian-12")]
    [InlineData("bookworm", "debian-12")]
    [InlineData("jammy", "ubuntu-22.04")]
    [InlineData("alpine-3.19", "alpine-3.19")]
    [InlineData("alpine-v3.19", "alpine-3.19")]
    public void The_distro_qualifier_form_and_codenames_are_read(string text, string expected) =>
        Assert.Equal(expected, DistributionRelease.Parse(text)?.ToString());

    [Fact]
    public void The_display_name_says_the_codename() =>
        Assert.Equal("Debian 12 (bookworm)", DistributionRelease.Parse("debian-12")!.DisplayName);
}
