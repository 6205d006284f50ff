using System.Text.Json.Nodes;
using Depwatch.Testing.PackageIndexes;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

/// <summary><c>depwatch scan --package-index</c>: SBOMs that list binary packages without their source.</summary>
public abstract class PackageIndexOptionTests(TrivyServerFixture trivy, CliRunner cli) : IDisposable
{
    // libssl3 is built from openssl, whose advisories are the ones that apply; the SBOM does not say so.
    private const string BareOpenssl = """
        {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
          {"type":"operating-system","name":"debian","version":"12.5"},
          {"type":"library","bom-ref":"ssl","name":"libssl3","version":"3.0.11-1~deb12u2",
           "purl":"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"}]}
        """;

    private static readonly string[] s_opensslFindings = ["CVE-2024-90001", "CVE-2024-90002"];

    private readonly TemporaryDirectory _work = new("depwatch-cli-index-");

    [Fact]
    public async Task Without_an_index_it_warns_how_many_packages_lack_a_source_and_how_to_supply_one()
    {
        var run = await ScanAsync("--format", "json", "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(VulnIds(run));
        Assert.Contains("warning: 1 package of Debian 12 (bookworm) names no source package, and no package index of debian-12 was given", run.Error);
        Assert.Contains("--package-index https://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages.xz", run.Error);
    }

    [Fact]
    public async Task A_packages_file_on_disk_names_the_source_and_the_findings_appear()
    {
        var run = await ScanAsync("--format", "json", "--package-index", PackageIndexFixtures.PathOf(PackageIndexFixtures.DebianMain));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(s_opensslFindings, VulnIds(run));
        Assert.DoesNotContain("warning", run.Error);
        Assert.Contains("read the package indexes of Debian 12 (bookworm)", run.Error);
    }

    [Fact]
    public async Task A_file_whose_path_names_no_release_is_given_its_release_before_an_equals_sign()
    {
        var copy = Path.Combine(_work.Path, "Packages.gz");
        File.Copy(PackageIndexFixtures.PathOf("debian/dists/bookworm/main/binary-amd64/Packages.gz"), copy);

        var refused = await ScanAsync("--package-index", copy);
        var run = await ScanAsync("--format", "json", "--package-index", $"debian-12={copy}");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"--package-index: cannot tell which release '{copy}' indexes: write it as RELEASE=LOCATION", refused.Error);
        Assert.Equal(s_opensslFindings, VulnIds(run));
    }

    [Fact]
    public async Task An_index_url_is_downloaded_from_the_mirror()
    {
        await using var mirror = await MirrorServer.StartAsync();

        var run = await ScanAsync("--format", "json", "--package-index", mirror.UrlOf(PackageIndexFixtures.DebianMain).ToString(),
            "--package-index", mirror.UrlOf(PackageIndexFixtures.DebianSecurity).ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(s_opensslFindings, VulnIds(run));
        Assert.Equal(1, mirror.CountOf(PackageIndexFixtures.DebianMain, 200));
    }

    [Fact]
    public async Task An_index_that_cannot_be_fetched_or_read_is_named_without_credentials_and_the_analysis_goes_on()
    {
        await using var mirror = await MirrorServer.StartAsync();
        mirror.CutShort(PackageIndexFixtures.DebianMain);
        var missing = new UriBuilder(mirror.UrlOf("debian/dists/bookworm/contrib/binary-amd64/Packages.xz")) { UserName = "mirror", Password = "s3cret", Query = "token=abc" }.Uri;

        var run = await ScanAsync("--format", "json", "--package-index", mirror.UrlOf(PackageIndexFixtures.DebianMain).ToString(),
            "--package-index", missing.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(VulnIds(run));
        Assert.Contains($"package index {mirror.UrlOf(PackageIndexFixtures.DebianMain)} is not used: the data is damaged or cut short", run.Error);
        Assert.Contains("contrib/binary-amd64/Packages.xz is not used: the server answered 404", run.Error);
        Assert.Contains("1 package of Debian 12 (bookworm) names no source package", run.Error);
        Assert.DoesNotContain("s3cret", run.Error);
        Assert.DoesNotContain("token=abc", run.Error);
    }

    private async Task<CliRun> ScanAsync(params string[] options)
    {
        var file = Path.Combine(_work.Path, $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, BareOpenssl);
        return await cli.RunAsync(["scan", file, "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", trivy.Token, .. options]);
    }

    private static string[] VulnIds(CliRun run) =>
        [.. JsonNode.Parse(run.Out)!.AsArray().Select(f => (string)f!["vulnerability"]!["vulnId"]!).Order()];

    public void Dispose() => _work.Dispose();
}
