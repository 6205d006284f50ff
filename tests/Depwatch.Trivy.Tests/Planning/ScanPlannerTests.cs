using Depwatch.Core.Components;
using Depwatch.Testing;
using Depwatch.Trivy.Planning;
using OperatingSystem = Depwatch.Trivy.Planning.OperatingSystem;

namespace Depwatch.Trivy.Tests.Planning;

public sealed class ScanPlannerTests
{
    private static readonly TrivyOptions s_options = new() { BaseUrl = new Uri("http://trivy:8080") };

    [Fact]
    public void Trivy_properties_give_the_source_package()
    {
        var plan = Plan(
            TestComponents.OperatingSystem("os", "debian", "12.5"),
            TestComponents.FromPurl("1", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5",
                ("aquasecurity:trivy:SrcName", "openssl"), ("aquasecurity:trivy:SrcVersion", "3.0.11"),
                ("aquasecurity:trivy:SrcRelease", "1~deb12u2")));

        var unit = Assert.Single(plan.Units);
        Assert.Equal(new OperatingSystem("debian", "12.5"), unit.Os);
        var package = Assert.Single(unit.OsPackages);
        Assert.Equal(("libssl3", "3.0.11", "1~deb12u2", "amd64"), (package.Name, package.Version, package.Release, package.Arch));
        Assert.Equal(("openssl", "3.0.11", "1~deb12u2"), (package.SrcName, package.SrcVersion, package.SrcRelease));
    }

    [Theory]
    [InlineData("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&upstream=glibc&distro=debian-12", "glibc", "2.36", "9+deb12u4", 0)]
    [InlineData("pkg:deb/debian/libgssapi-krb5-2@1.20.1-2?upstream=krb5%401.20.1-2%2Bdeb12u1&distro=debian-12", "krb5", "1.20.1", "2+deb12u1", 0)]
    [InlineData("pkg:deb/debian/libpam0g@1.5.2-6?upstream=pam%20%281.5.2-6%29&distro=debian-12", "pam", "1.5.2", "6", 0)]
    [InlineData("pkg:deb/debian/bsdutils@1:2.38.1-5?upstream=util-linux%402.38.1-5&distro=debian-12", "util-linux", "2.38.1", "5", 0)]
    [InlineData("pkg:deb/debian/zlib1g@1.2.13.dfsg-1?epoch=1&distro=debian-12", "zlib1g", "1.2.13.dfsg", "1", 1)]
    public void The_upstream_qualifier_gives_the_source_package_of_syft_style_purls(
        string purl, string srcName, string srcVersion, string srcRelease, int srcEpoch)
    {
        var package = Assert.Single(Assert.Single(Plan(TestComponents.FromPurl("1", purl)).Units).OsPackages);

        Assert.Equal((srcName, srcVersion, srcRelease, srcEpoch), (package.SrcName, package.SrcVersion, package.SrcRelease, package.SrcEpoch));
    }

    [Fact]
    public void Rpm_versions_split_into_version_and_release_and_the_source_rpm_is_read()
    {
        var plan = Plan(TestComponents.FromPurl("1",
            "pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm&distro=rhel-9.3"));

        var unit = Assert.Single(plan.Units);
        Assert.Equal(new OperatingSystem("redhat", "9.3"), unit.Os);
        var package = Assert.Single(unit.OsPackages);
        Assert.Equal(("openssl-libs", "3.0.7", "24.el9", 1, "x86_64"), (package.Name, package.Version, package.Release, package.Epoch, package.Arch));
        Assert.Equal(("openssl", "3.0.7", "24.el9", 1), (package.SrcName, package.SrcVersion, package.SrcRelease, package.SrcEpoch));
    }

    [Theory]
    [InlineData("pkg:deb/debian/ffmpeg@5.1.6-0%2Bdeb12u1?arch=amd64&epoch=7&distro=debian-12", "5.1.6-0+deb12u1")]
    [InlineData("pkg:deb/debian/ffmpeg@5.1.6-0%2Bdeb12u1?arch=amd64&distro=debian-12", "7:5.1.6-0+deb12u1")]
    [InlineData("pkg:deb/debian/ffmpeg@7%3A5.1.6-0%2Bdeb12u1?arch=amd64&distro=debian-12", null)]
    public void The_epoch_is_sent_from_the_purl_or_else_from_the_components_version(string purl, string? componentVersion)
    {
        var package = Assert.Single(Assert.Single(Plan(TestComponents.Written("1", null, "ffmpeg", componentVersion, purl)).Units).OsPackages);

        Assert.Equal((7, "5.1.6", "0+deb12u1"), (package.Epoch, package.Version, package.Release));
        Assert.Equal((7, "5.1.6", "0+deb12u1"), (package.SrcEpoch, package.SrcVersion, package.SrcRelease));
    }

    [Fact]
    public void Apk_versions_keep_their_revision()
    {
        var package = Assert.Single(Assert.Single(Plan(
            TestComponents.FromPurl("1", "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=3.19.1")).Units).OsPackages);

        Assert.Equal(("1.36.1-r15", "", "busybox", "1.36.1-r15"), (package.Version, package.Release, package.SrcName, package.SrcVersion));
    }

    [Theory]
    [InlineData("debian", "12.5", "pkg:deb/debian/bash@5.2.15-2?distro=debian-12", "debian", "12.5")]
    [InlineData("Debian GNU/Linux", "12", "pkg:deb/debian/bash@5.2.15-2", "debian", "12")]
    [InlineData("rhel", "9.3", "pkg:rpm/redhat/bash@5.1.8-6.el9", "redhat", "9.3")]
    [InlineData("almalinux", "9.3", "pkg:rpm/almalinux/bash@5.1.8-6.el9", "alma", "9.3")]
    [InlineData("amzn", "2023", "pkg:rpm/amzn/bash@5.2.15-1.amzn2023", "amazon", "2023")]
    [InlineData("alpine", "3.19.1", "pkg:apk/alpine/bash@5.2.21-r0?distro=alpine-3.19.1", "alpine", "3.19.1")]
    public void The_operating_system_component_names_the_distribution(string osName, string osVersion, string purl, string family, string version)
    {
        var unit = Assert.Single(Plan(TestComponents.OperatingSystem("os", osName, osVersion), TestComponents.FromPurl("1", purl)).Units);

        Assert.Equal(new OperatingSystem(family, version), unit.Os);
    }

    [Theory]
    [InlineData("pkg:deb/ubuntu/bash@5.1-6ubuntu1?distro=ubuntu-22.04", "ubuntu", "22.04")]
    [InlineData("pkg:apk/alpine/bash@5.2.21-r0?distro=alpine-3.19.1", "alpine", "3.19.1")]
    [InlineData("pkg:apk/alpine/bash@5.2.21-r0?distro=3.19.1", "alpine", "3.19.1")]
    [InlineData("pkg:rpm/rocky/bash@5.1.8-6.el9?distro=rocky-9.3", "rocky", "9.3")]
    [InlineData("pkg:rpm/rhel/bash@5.1.8-6.el9?distro=rhel-9.3", "redhat", "9.3")]
    public void Without_an_operating_system_component_the_purl_names_the_distribution(string purl, string family, string version)
    {
        var unit = Assert.Single(Plan(TestComponents.FromPurl("1", purl)).Units);

        Assert.Equal(new OperatingSystem(family, version), unit.Os);
    }

    [Fact]
    public void Packages_of_two_distributions_go_to_separate_scans()
    {
        var plan = Plan(
            TestComponents.FromPurl("1", "pkg:deb/debian/bash@5.2.15-2?distro=debian-12"),
            TestComponents.FromPurl("2", "pkg:apk/alpine/bash@5.2.21-r0?distro=3.19.1"),
            TestComponents.FromPurl("3", "pkg:deb/debian/zlib1g@1.2.13.dfsg-1?distro=debian-12"));

        Assert.Equal(2, plan.Units.Count);
        Assert.Equal(["1", "3"], plan.Units.Single(u => u.Os!.Family == "debian").OsPackages.Select(p => p.Key));
    }

    [Theory]
    [InlineData("pkg:npm/%40babel/traverse@7.23.0", "node-pkg", "@babel/traverse")]
    [InlineData("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.1?type=jar", "jar", "com.fasterxml.jackson.core:jackson-databind")]
    [InlineData("pkg:golang/golang.org/x/net@v0.17.0", "gobinary", "golang.org/x/net")]
    [InlineData("pkg:pypi/Django_Rest@1.0", "python-pkg", "django-rest")]
    [InlineData("pkg:nuget/Newtonsoft.Json@12.0.1", "nuget", "newtonsoft.json")]
    [InlineData("pkg:golang/github.com/BurntSushi/toml@v1.3.2", "gobinary", "github.com/BurntSushi/toml")]
    [InlineData("pkg:cargo/smallvec@1.6.0", "cargo", "smallvec")]
    [InlineData("pkg:composer/laravel/framework@10.0.0", "composer", "laravel/framework")]
    [InlineData("pkg:swift/github.com/apple/swift-nio@2.40.0", "swift", "github.com/apple/swift-nio")]
    [InlineData("pkg:gem/rails@7.0.0", "gemspec", "rails")]
    public void Language_packages_get_trivy_type_and_name(string purl, string type, string name)
    {
        var unit = Assert.Single(Plan(TestComponents.FromPurl("1", purl)).Units);

        var (appType, packages) = Assert.Single(unit.Applications);
        Assert.Equal(type, appType);
        Assert.Equal(name, Assert.Single(packages).Name);
        Assert.Null(unit.Os);
    }

    [Theory]
    // Trivy lower-cases Go, npm and PyPI purls but keeps the name; Go advisories are keyed by the module path's case.
    [InlineData(null, "github.com/BurntSushi/toml", "pkg:golang/github.com/burntsushi/toml@0.3.1", "github.com/BurntSushi/toml")]
    [InlineData("github.com/BurntSushi", "toml", "pkg:golang/github.com/burntsushi/toml@0.3.1", "github.com/BurntSushi/toml")]
    [InlineData(null, "python_multipart", "pkg:pypi/python-multipart@0.0.9", "python_multipart")]
    [InlineData("@Babel", "Traverse", "pkg:npm/%40babel/traverse@7.23.0", "@babel/traverse")]
    // A name that is not the purl's in another case does not replace it.
    [InlineData(null, "toml", "pkg:golang/github.com/burntsushi/toml@0.3.1", "github.com/burntsushi/toml")]
    [InlineData(null, "TOML parser", "pkg:golang/github.com/BurntSushi/toml@0.3.1", "github.com/BurntSushi/toml")]
    // Other ecosystems are named from the purl, as Trivy names Maven packages.
    [InlineData("org.Example", "Widget", "pkg:maven/org.example/widget@1.0", "org.example:widget")]
    public void A_purl_trivy_lower_cased_is_named_as_the_component_is(string? group, string name, string purl, string expected)
    {
        var unit = Assert.Single(Plan(TestComponents.Written("1", group, name, "1.0", purl)).Units);

        Assert.Equal(expected, Assert.Single(Assert.Single(unit.Applications).Packages).Name);
    }

    [Fact]
    public void Components_that_cannot_be_analysed_are_skipped_with_the_reason()
    {
        var invalid = new Component { Key = "4", Name = "broken", PurlText = "pkg:maven/broken", PurlError = "purl 'pkg:maven/broken' is invalid" };
        var plan = Plan(
            TestComponents.WithoutPurl("1", "app", "1.0"),
            TestComponents.FromPurl("2", "pkg:generic/openssl@3.0.0"),
            TestComponents.FromPurl("3", "pkg:deb/acme/bash@5.2"),
            invalid,
            TestComponents.FromPurl("5", "pkg:npm/left-pad"));

        Assert.Empty(plan.Units);
        Assert.Equal(
            ["has no purl", "Trivy has no vulnerability data for purl type 'generic'",
             "cannot tell which distribution it belongs to: Trivy knows no distribution 'acme' and the SBOM has no operating-system component",
             "purl 'pkg:maven/broken' is invalid", "has no version"],
            plan.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public void A_distribution_without_a_version_says_how_to_give_one()
    {
        var skipped = Assert.Single(Plan(TestComponents.FromPurl("1", "pkg:deb/debian/bash@5.2.15-2")).Skipped);

        Assert.Equal("has no debian version: add an operating-system component to the SBOM or a distro qualifier to the purl", skipped.Reason);
    }

    [Fact]
    public void Disabled_package_classes_are_skipped()
    {
        var components = new[]
        {
            TestComponents.FromPurl("1", "pkg:deb/debian/bash@5.2.15-2?distro=debian-12"),
            TestComponents.FromPurl("2", "pkg:npm/lodash@4.17.4"),
        };

        var noOs = new ScanPlanner(s_options with { ScanOsPackages = false }).Plan(components);
        var noLibraries = new ScanPlanner(s_options with { ScanLibraries = false }).Plan(components);

        Assert.Equal("OS package scanning is disabled", Assert.Single(noOs.Skipped).Reason);
        Assert.Null(Assert.Single(noOs.Units).Os);
        Assert.Equal("library scanning is disabled", Assert.Single(noLibraries.Skipped).Reason);
        Assert.NotNull(Assert.Single(noLibraries.Units).Os);
    }

    [Fact]
    public void Large_inventories_are_split_into_bounded_blobs()
    {
        var components = Enumerable.Range(0, 25).Select(i => TestComponents.FromPurl($"{i}", $"pkg:npm/p{i}@1.0.0")).ToArray();

        var plan = new ScanPlanner(s_options with { MaxPackagesPerBlob = 10 }).Plan(components);

        Assert.Equal([10, 10, 5], plan.Units.Select(u => u.PackageCount));
    }

    [Fact]
    public void Two_components_with_the_same_purl_are_both_sent_under_their_own_keys()
    {
        var plan = Plan(TestComponents.FromPurl("a", "pkg:npm/lodash@4.17.4"), TestComponents.FromPurl("b", "pkg:npm/lodash@4.17.4"));

        Assert.Equal(["a", "b"], Assert.Single(Assert.Single(plan.Units).Applications).Packages.Select(p => p.Key));
    }

    private static ScanPlan Plan(params Component[] components) => new ScanPlanner(s_options).Plan(components);
}
