using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.Sbom;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Trivy.Tests;

/// <summary>
/// Each generator's way of writing an epoch, and Trivy's lower-cased Go purls, reach the real Trivy server so that
/// it compares what the system has installed. The fixtures are in testdata/trivy-db/{debian,rocky,go}.yaml.
/// </summary>
[Collection(TrivyCollection.Name)]
public sealed class ExactMatchingTests(TrivyServerFixture trivy)
{
    private const string Trivy = "trivy", TrivyWithEpochVersions = "trivy-0.50", Cdxgen = "cdxgen", Syft = "syft";

    private static readonly HttpClient s_http = TrivyAnalyzer.CreateHttpClient();

    private static readonly ComponentProperty[] s_ffmpegSource = TrivySource("ffmpeg", "5.1.6", "0+deb12u1", "7");
    private static readonly ComponentProperty[] s_dbusSource = TrivySource("dbus", "1.12.20", "8.el9", "1");

    // Debian's ffmpeg is 7:5.1.6-0+deb12u1: CVE-2024-90091 is fixed in 5.1.6-0+deb12u1+deb12u99, older because it
    // lacks the epoch, CVE-2024-90092 in 7:5.1.7-0+deb12u1. Rocky's dbus-libs is 1:1.12.20-8.el9 likewise:
    // CVE-2024-90093 is fixed in 1.12.20-8.el9_4.1, CVE-2024-90094 in 1:1.12.20-8.el9_4.2.
    [Theory]
    [InlineData(Trivy, "deb")]
    [InlineData(TrivyWithEpochVersions, "deb")]
    [InlineData(Cdxgen, "deb")]
    [InlineData(Syft, "deb")]
    [InlineData(Trivy, "rpm")]
    [InlineData(TrivyWithEpochVersions, "rpm")]
    [InlineData(Cdxgen, "rpm")]
    [InlineData(Syft, "rpm")]
    public async Task A_fix_without_the_installed_epoch_is_older_and_one_with_it_is_newer(string generator, string type)
    {
        var (bom, installed, older, newer) = type == "deb" ? DebianWithEpoch(generator) : RockyWithEpoch(generator);

        var (component, findings) = await AnalyzeAsync(bom);

        Assert.Equal(installed, component.Version);
        var finding = Assert.Single(findings);
        Assert.Equal((newer, installed), (finding.Vulnerability.VulnId, finding.InstalledVersion));
        Assert.DoesNotContain(findings, f => f.Vulnerability.VulnId == older);
    }

    [Fact]
    public async Task Without_an_epoch_both_fixes_are_newer()
    {
        var bom = new BomBuilder("1.6")
            .WithComponent("ffmpeg", "5.1.6-0+deb12u1", "pkg:deb/debian/ffmpeg@5.1.6-0%2Bdeb12u1?arch=amd64&distro=debian-12")
            .ToJson();

        var (_, findings) = await AnalyzeAsync(bom);

        Assert.Equal(["CVE-2024-90091", "CVE-2024-90092"], findings.Select(f => f.Vulnerability.VulnId).Order());
    }

    // Go advisories are keyed by the module path as published: github.com/BurntSushi/toml.
    [Theory]
    [InlineData(null, "github.com/BurntSushi/toml", "pkg:golang/github.com/burntsushi/toml@0.3.1")]
    [InlineData("github.com/BurntSushi", "toml", "pkg:golang/github.com/burntsushi/toml@0.3.1")]
    [InlineData(null, "github.com/BurntSushi/toml", "pkg:golang/github.com/BurntSushi/toml@v0.3.1")]
    public async Task A_go_module_is_looked_up_by_its_path_as_published(string? group, string name, string purl)
    {
        var bom = new BomBuilder("1.6").WithComponent(name, "0.3.1", purl, group: group).ToJson();

        var (_, findings) = await AnalyzeAsync(bom);

        var finding = Assert.Single(findings);
        Assert.Equal(("CVE-2025-90404", "1.3.2"), (finding.Vulnerability.VulnId, finding.FixedVersion));
    }

    private static (string Bom, string Installed, string Older, string Newer) DebianWithEpoch(string generator)
    {
        const string Binary = "pkg:deb/debian/libavcodec59@5.1.6-0%2Bdeb12u1?arch=amd64";
        var bom = new BomBuilder("1.6").WithOperatingSystem("debian", "12.5");
        _ = generator switch
        {
            Trivy => bom.WithComponent("libavcodec59", "5.1.6-0+deb12u1", $"{Binary}&distro=debian-12.5&epoch=7", properties: s_ffmpegSource),
            TrivyWithEpochVersions => bom.WithComponent("libavcodec59", "7:5.1.6-0+deb12u1", $"{Binary}&distro=debian-12.5&epoch=7", properties: s_ffmpegSource),
            // cdxgen drops the qualifier, keeps Trivy's version and names no source: the binary ffmpeg is its own.
            Cdxgen => bom.WithComponent("ffmpeg", "7:5.1.6-0+deb12u1", "pkg:deb/debian/ffmpeg@5.1.6-0%2Bdeb12u1?arch=amd64&distro=debian-12&distro_name=bookworm", group: "debian"),
            _ => bom.WithComponent("libavcodec59", "7:5.1.6-0+deb12u1", "pkg:deb/debian/libavcodec59@7%3A5.1.6-0%2Bdeb12u1?arch=amd64&upstream=ffmpeg&distro=debian-12"),
        };
        return (bom.ToJson(), "7:5.1.6-0+deb12u1", "CVE-2024-90091", "CVE-2024-90092");
    }

    private static (string Bom, string Installed, string Older, string Newer) RockyWithEpoch(string generator)
    {
        const string Binary = "pkg:rpm/rocky/dbus-libs@1.12.20-8.el9?arch=x86_64";
        var bom = new BomBuilder("1.6").WithOperatingSystem("rocky", "9.3");
        _ = generator switch
        {
            Trivy => bom.WithComponent("dbus-libs", "1.12.20-8.el9", $"{Binary}&distro=rocky-9.3&epoch=1", properties: s_dbusSource),
            TrivyWithEpochVersions => bom.WithComponent("dbus-libs", "1:1.12.20-8.el9", $"{Binary}&distro=rocky-9.3&epoch=1", properties: s_dbusSource),
            Cdxgen => bom.WithComponent("dbus-libs", "1:1.12.20-8.el9", $"{Binary}&distro=rocky-9.3&distro_name=rocky-9.3", group: "rocky"),
            _ => bom.WithComponent("dbus-libs", "1:1.12.20-8.el9", $"{Binary}&epoch=1&upstream=dbus-1.12.20-8.el9.src.rpm&distro=rocky-9.3"),
        };
        return (bom.ToJson(), "1:1.12.20-8.el9", "CVE-2024-90093", "CVE-2024-90094");
    }

    private static ComponentProperty[] TrivySource(string name, string version, string release, string epoch) =>
    [
        new("aquasecurity:trivy:SrcName", name), new("aquasecurity:trivy:SrcVersion", version),
        new("aquasecurity:trivy:SrcRelease", release), new("aquasecurity:trivy:SrcEpoch", epoch),
    ];

    private async Task<(Component Component, IReadOnlyList<Core.Findings.Finding> Findings)> AnalyzeAsync(string bomJson)
    {
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bomJson));
        var bom = await CycloneDxReader.ReadAsync(stream);
        var options = new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token };
        var result = await new TrivyAnalyzer(options, s_http).AnalyzeAsync(new AnalysisRequest(bom.Components));
        Assert.All(result.Skipped, skipped => Assert.Equal(ComponentType.OperatingSystem, skipped.Component.Type));
        return (bom.Components.Single(c => c.Type != ComponentType.OperatingSystem), result.Findings);
    }
}
