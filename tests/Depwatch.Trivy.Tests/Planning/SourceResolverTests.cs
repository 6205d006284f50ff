using Depwatch.Core.PackageIndexes;
using Depwatch.Testing;
using Depwatch.Trivy.Planning;
using OperatingSystem = Depwatch.Trivy.Planning.OperatingSystem;

namespace Depwatch.Trivy.Tests.Planning;

/// <summary>What the planner sends Trivy for OS packages whose SBOM entries name no source, with and without an index.</summary>
public sealed class SourceResolverTests
{
    private static readonly TrivyOptions s_options = new() { BaseUrl = new Uri("http://trivy:8080") };

    private static readonly PackageIndexSet s_bookworm = new([Index("debian-12",
        ("libssl3", "3.0.15-1~deb12u1", "openssl", ""),
        ("login", "1:4.13+dfsg1-1+b1", "shadow", "1:4.13+dfsg1-1"),
        ("gcc", "4:12.2.0-3", "gcc-defaults", "1.203"))]);

    [Fact]
    public void The_index_names_the_source_and_its_version_split_as_trivy_wants()
    {
        var plan = new ScanPlanner(s_options, s_bookworm).Plan([
            TestComponents.FromPurl("1", "pkg:deb/debian/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12"),
            TestComponents.FromPurl("2", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12")]);

        var packages = Assert.Single(plan.Units).OsPackages.OrderBy(p => p.Name).ToList();
        Assert.Equal(("openssl", "3.0.11", "1~deb12u2", 0), (packages[0].SrcName, packages[0].SrcVersion, packages[0].SrcRelease, packages[0].SrcEpoch));
        Assert.Equal(("shadow", "4.13+dfsg1", "1", 1), (packages[1].SrcName, packages[1].SrcVersion, packages[1].SrcRelease, packages[1].SrcEpoch));
        var resolution = Assert.Single(plan.Sources);
        Assert.Equal((2, 2, 0, true), (resolution.WithoutSource, resolution.ResolvedByIndex, resolution.Unresolved, resolution.IndexAvailable));
        Assert.Equal(["amd64"], resolution.Architectures);
    }

    [Fact]
    public void A_source_the_index_numbers_apart_from_this_version_is_left_unresolved_rather_than_guessed()
    {
        var plan = new ScanPlanner(s_options, s_bookworm).Plan([TestComponents.FromPurl("1", "pkg:deb/debian/gcc@4:12.2.0-2?distro=debian-12")]);

        var package = Assert.Single(Assert.Single(plan.Units).OsPackages);
        Assert.Equal("gcc", package.SrcName);
        Assert.Equal(1, Assert.Single(plan.Sources).Unresolved);
    }

    [Fact]
    public void A_source_the_sbom_names_is_kept_and_needs_no_index()
    {
        var plan = new ScanPlanner(s_options, s_bookworm).Plan([
            TestComponents.FromPurl("1", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?upstream=openssl&distro=debian-12"),
            TestComponents.FromPurl("2", "pkg:rpm/redhat/bash@5.1.8-6.el9?distro=rhel-9.3")]);

        Assert.Empty(plan.Sources);
    }

    [Theory]
    [InlineData("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", "debian", "8")]
    [InlineData("pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.15?distro=jammy", "ubuntu", "22.04")]
    [InlineData("pkg:deb/debian/curl@7.88.1-10?distro=debian-bookworm", "debian", "12")]
    public void A_release_codename_in_the_distro_qualifier_gives_the_version(string purl, string family, string version) =>
        Assert.Equal(new OperatingSystem(family, version), Assert.Single(new ScanPlanner(s_options).Plan([TestComponents.FromPurl("1", purl)]).Units).Os);

    private static SourceIndex Index(string release, params (string Binary, string Version, string Source, string SourceVersion)[] entries)
    {
        var builder = new SourceIndexBuilder(DistributionRelease.Parse(release)!);
        foreach (var (binary, version, source, sourceVersion) in entries)
        {
            builder.Add(binary, version, source, sourceVersion);
        }
        return builder.Build();
    }
}
