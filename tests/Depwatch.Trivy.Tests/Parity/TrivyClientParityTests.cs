using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.Sbom;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Trivy.Tests.Parity;

/// <summary>
/// Depwatch must find exactly what Trivy's own client finds on an SBOM Trivy made, and the same on SBOMs
/// other generators make of the same software, against the same server.
/// </summary>
[Collection(TrivyCollection.Name)]
public sealed class TrivyClientParityTests(TrivyServerFixture trivy) : IDisposable
{
    private readonly TemporaryDirectory _work = new("depwatch-parity-");

    public static TheoryData<string, bool> Filesystems => new()
    {
        { "debian12", false }, { "debian12", true }, { "alpine319", false }, { "alpine319", true },
    };

    [Theory]
    [MemberData(nameof(Filesystems))]
    public async Task On_a_trivy_made_sbom_depwatch_finds_what_trivys_client_finds(string rootfs, bool ignoreUnfixed)
    {
        var (file, bom) = await TrivyMadeSbomAsync(rootfs);

        var expected = await TrivyClientFindingsAsync(file, bom, ignoreUnfixed);
        var actual = await DepwatchFindingsAsync(bom, ignoreUnfixed);

        Assert.NotEmpty(expected);
        AssertSameFindings(expected, actual);
    }

    [Theory]
    [InlineData("debian12", "debian-12", "12")]
    [InlineData("alpine319", "alpine-3.19.1", "3.19.1")]
    public async Task On_a_syft_style_sbom_of_the_same_software_depwatch_finds_the_same(string rootfs, string distro, string osVersion)
    {
        var (file, bom) = await TrivyMadeSbomAsync(rootfs);
        var expected = await TrivyClientFindingsAsync(file, bom, ignoreUnfixed: false);

        var actual = await DepwatchFindingsAsync(SbomRestyler.SyftStyle(bom, distro, osVersion), ignoreUnfixed: false);

        AssertSameFindings(expected, actual);
    }

    [Theory]
    [InlineData("debian12", "debian-12.5")]
    [InlineData("alpine319", "alpine-3.19.1")]
    public async Task Without_an_operating_system_component_the_purls_are_enough(string rootfs, string distro)
    {
        var (file, bom) = await TrivyMadeSbomAsync(rootfs);
        var expected = await TrivyClientFindingsAsync(file, bom, ignoreUnfixed: false);

        var actual = await DepwatchFindingsAsync(SbomRestyler.PurlsOnly(bom, distro), ignoreUnfixed: false);

        AssertSameFindings(expected, actual);
    }

    [Fact]
    public async Task Trivys_own_client_misses_os_findings_on_the_syft_style_sbom_that_depwatch_reports()
    {
        var (file, bom) = await TrivyMadeSbomAsync("debian12");
        var syftStyle = SbomRestyler.SyftStyle(bom, "debian-12", "12");
        var syftFile = await WriteAsync("syft.json", syftStyle);

        var trivyOnSyft = await TrivyClientFindingsAsync(syftFile, bom, ignoreUnfixed: false);
        var depwatchOnSyft = await DepwatchFindingsAsync(syftStyle, ignoreUnfixed: false);

        Assert.True(trivyOnSyft.IsProperSubsetOf(depwatchOnSyft),
            $"Trivy's client found {trivyOnSyft.Count}, Depwatch {depwatchOnSyft.Count} findings on the syft-style SBOM; " +
            $"only Trivy found: {string.Join("; ", trivyOnSyft.Except(depwatchOnSyft))}");
        Assert.Contains(depwatchOnSyft, f => f.VulnId == "CVE-2024-90001");
    }

    [Fact]
    public async Task Epochs_and_go_module_paths_decide_as_they_do_for_trivys_client()
    {
        var (file, bom) = await TrivyMadeSbomAsync("debian12");

        var expected = await TrivyClientFindingsAsync(file, bom, ignoreUnfixed: false);
        var actual = await DepwatchFindingsAsync(bom, ignoreUnfixed: false);

        // ffmpeg 7:5.1.6-0+deb12u1 is newer than CVE-2024-90091's fix, which lacks the epoch, and older than
        // CVE-2024-90092's; the purl lower-cases github.com/BurntSushi/toml, whose advisory CVE-2025-90404 is keyed by case.
        Assert.Contains(expected, f => f.VulnId == "CVE-2024-90092");
        Assert.DoesNotContain(expected, f => f.VulnId == "CVE-2024-90091");
        Assert.Contains(expected, f => f.VulnId == "CVE-2025-90404");
        AssertSameFindings(expected, actual);
    }

    [Theory]
    [InlineData("1.12.20-8.el9")]
    [InlineData("1:1.12.20-8.el9")]
    public async Task On_a_trivy_made_rpm_sbom_epochs_decide_as_they_do_for_trivys_client(string writtenVersion)
    {
        // As Trivy writes a Rocky Linux image's packages; Trivy 0.50 and later put the epoch in the version as well.
        var bom = JsonNode.Parse(new BomBuilder("1.5")
            .WithTool("trivy", "0.49.1", vendor: "aquasecurity").UseLegacyTools()
            .WithComponent("rocky", "9.3", bomRef: "os", type: "operating-system")
            .WithComponent("dbus-libs", writtenVersion, "pkg:rpm/rocky/dbus-libs@1.12.20-8.el9?arch=x86_64&distro=rocky-9.3&epoch=1",
                bomRef: "dbus-libs", properties: TrivyRpm("dbus-libs@1.12.20-8.el9.x86_64", "dbus", "1.12.20", "8.el9", "1"))
            .WithComponent("openssl-libs", "3.0.7-24.el9", "pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rocky-9.3&epoch=1",
                bomRef: "openssl-libs", properties: TrivyRpm("openssl-libs@3.0.7-24.el9.x86_64", "openssl", "3.0.7", "24.el9", "1"))
            .WithDependency("os", "dbus-libs", "openssl-libs")
            .ToJson())!;
        var file = await WriteAsync("rocky.json", bom);

        var expected = await TrivyClientFindingsAsync(file, bom, ignoreUnfixed: false);
        var actual = await DepwatchFindingsAsync(bom, ignoreUnfixed: false);

        Assert.Equal(["CVE-2024-90001", "CVE-2024-90094"], expected.Select(f => f.VulnId).Order());
        AssertSameFindings(expected, actual);
    }

    private async Task<(string File, JsonNode Bom)> TrivyMadeSbomAsync(string rootfs)
    {
        var file = Path.Combine(_work.Path, $"{rootfs}.cdx.json");
        await trivy.TrivyRootfsSbomAsync(RepositoryRoot.PathOf("testdata", "rootfs", rootfs), file);
        return (file, JsonNode.Parse(await File.ReadAllTextAsync(file))!);
    }

    private async Task<IReadOnlySet<ParityFinding>> TrivyClientFindingsAsync(string file, JsonNode trivyBom, bool ignoreUnfixed)
    {
        using var clientCache = new TemporaryDirectory("depwatch-trivy-client-");
        string[] arguments =
        [
            "sbom", "--server", trivy.BaseUrl.ToString().TrimEnd('/'), "--token", trivy.Token, "--cache-dir", clientCache.Path,
            "--format", "json", "--quiet", .. ignoreUnfixed ? ["--ignore-unfixed"] : Array.Empty<string>(), file,
        ];
        var result = await trivy.RunTrivyClientAsync(arguments);
        Assert.True(result.ExitCode == 0, $"trivy sbom failed ({result.ExitCode}): {result.StandardError}");
        return TrivyReport.Findings(result.StandardOutput, SbomRestyler.BomRefByPkgId(trivyBom));
    }

    private async Task<HashSet<ParityFinding>> DepwatchFindingsAsync(JsonNode bomJson, bool ignoreUnfixed)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(bomJson.ToJsonString()));
        var bom = await CycloneDxReader.ReadAsync(stream);
        var options = new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token, IgnoreUnfixed = ignoreUnfixed };
        using var http = TrivyAnalyzer.CreateHttpClient();
        var result = await new TrivyAnalyzer(options, http).AnalyzeAsync(new AnalysisRequest(bom.Components));
        return
        [
            .. result.Findings.Select(f => new ParityFinding(
                f.Component.BomRef!, f.Vulnerability.VulnId, f.FixedVersion ?? "",
                f.Vulnerability.Severity.ToString().ToUpperInvariant() is "UNASSIGNED" ? "UNKNOWN" : f.Vulnerability.Severity.ToString().ToUpperInvariant(),
                ParityFinding.StatusName(f.Status))),
        ];
    }

    private static ComponentProperty[] TrivyRpm(string pkgId, string srcName, string srcVersion, string srcRelease, string srcEpoch) =>
    [
        new("aquasecurity:trivy:PkgID", pkgId), new("aquasecurity:trivy:PkgType", "rocky"),
        new("aquasecurity:trivy:SrcEpoch", srcEpoch), new("aquasecurity:trivy:SrcName", srcName),
        new("aquasecurity:trivy:SrcRelease", srcRelease), new("aquasecurity:trivy:SrcVersion", srcVersion),
    ];

    private async Task<string> WriteAsync(string name, JsonNode bom)
    {
        var file = Path.Combine(_work.Path, name);
        await File.WriteAllTextAsync(file, bom.ToJsonString());
        return file;
    }

    private static void AssertSameFindings(IReadOnlySet<ParityFinding> expected, IReadOnlySet<ParityFinding> actual)
    {
        var missing = expected.Except(actual).Select(f => f.ToString()).Order().ToList();
        var extra = actual.Except(expected).Select(f => f.ToString()).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Depwatch missed:\n  {string.Join("\n  ", missing)}\nDepwatch added:\n  {string.Join("\n  ", extra)}");
    }

    public void Dispose() => _work.Dispose();
}
