using Depwatch.Core.Components;
using Depwatch.Testing.Sboms;
using static Depwatch.Core.Tests.Sbom.SbomReading;

namespace Depwatch.Core.Tests.Sbom;

public sealed class TrivySbomTests
{
    private static readonly ComponentProperty[] s_libsslProperties =
    [
        new("aquasecurity:trivy:LayerDiffID", "sha256:9853575bc4f955c5892dd64187538a6cd02dba6968eba9201854876a7a257034"),
        new("aquasecurity:trivy:LayerDigest", "sha256:1f7ce2fa46ab3942feabee654933948821303a5a821789dddab2d8c3df59e227"),
        new("aquasecurity:trivy:PkgID", "libssl3@3.0.11-1~deb12u2"),
        new("aquasecurity:trivy:PkgType", "debian"),
        new("aquasecurity:trivy:SrcName", "openssl"),
        new("aquasecurity:trivy:SrcRelease", "1~deb12u2"),
        new("aquasecurity:trivy:SrcVersion", "3.0.11"),
        new("aquasecurity:trivy:SrcEpoch", ""),
        new("aquasecurity:trivy:PkgType", "debian"),
    ];

    private static BomBuilder TrivyImageBom() => new BomBuilder("1.5")
        .WithTool("trivy", "0.50.1", vendor: "aquasecurity")
        .WithMetadataComponent("registry.example.com/shop/api:2.3.1", bomRef: "pkg:oci/api@sha256%3A1f7ce2fa?arch=amd64", type: "container")
        .WithOperatingSystem("debian", "12.5")
        .WithComponent("libssl3", "3.0.11-1~deb12u2",
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5",
            bomRef: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5",
            properties: s_libsslProperties)
        .WithDependency("os:debian@12.5", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5");

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Keeps_every_trivy_property_in_order(string format)
    {
        var builder = TrivyImageBom();

        var bom = await ReadAsync(format == "json" ? builder.ToJson() : builder.ToXml());

        var libssl = bom.Components.Single(c => c.Name == "libssl3");
        Assert.Equal(s_libsslProperties, libssl.Properties);
        Assert.Equal("openssl", libssl.Property("aquasecurity:trivy:SrcName"));
        Assert.Equal("", libssl.Property("aquasecurity:trivy:SrcEpoch"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Reads_the_operating_system_component(string format)
    {
        var builder = TrivyImageBom();

        var bom = await ReadAsync(format == "json" ? builder.ToJson() : builder.ToXml());

        var os = bom.Components[0];
        Assert.Equal((ComponentType.OperatingSystem, "debian", "12.5", "1"), (os.Type, os.Name, os.Version, os.Key));
        Assert.Equal(ComponentType.Container, bom.MetadataComponent!.Type);
        Assert.Equal("0", bom.MetadataComponent.Key);
        Assert.Equal(["aquasecurity/trivy@0.50.1"], BomSummary.Of(bom).Tools);
        Assert.Equal("os:debian@12.5", Assert.Single(bom.Dependencies).Ref);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A_version_written_without_the_epoch_of_its_purl_is_read_with_it(string format)
    {
        // Trivy before 0.50 wrote the epoch only in the purl; dpkg and Trivy's own reports put it first in the version.
        var builder = TrivyImageBom()
            .WithComponent("login", "4.13+dfsg1-1+b1", "pkg:deb/debian/login@4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12.5&epoch=1");

        var bom = await ReadAsync(format == "json" ? builder.ToJson() : builder.ToXml());

        Assert.Equal("1:4.13+dfsg1-1+b1", bom.Components.Single(c => c.Name == "login").Version);
        Assert.Equal("3.0.11-1~deb12u2", bom.Components.Single(c => c.Name == "libssl3").Version);
    }

    [Fact]
    public async Task Shares_repeated_property_names_between_components()
    {
        var bom = await ReadAsync(TrivyImageBom()
            .WithComponent("libc6", "2.36-9+deb12u4", properties: [new("aquasecurity:trivy:PkgType", "debian")])
            .ToJson());

        var names = bom.Components.SelectMany(c => c.Properties).Where(p => p.Name == "aquasecurity:trivy:PkgType").ToArray();
        Assert.Equal(3, names.Length);
        Assert.All(names, p => Assert.Same(names[0].Name, p.Name));
    }
}
