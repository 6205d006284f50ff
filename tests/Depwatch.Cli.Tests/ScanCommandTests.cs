using System.Text.Json.Nodes;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Cli.Tests;

/// <summary><c>depwatch scan</c> end to end, against the real Trivy server.</summary>
public abstract class ScanCommandTests(TrivyServerFixture trivy, CliRunner cli) : IDisposable
{
    private const string Openssl = """
        {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
          {"type":"operating-system","name":"debian","version":"12.5"},
          {"type":"library","bom-ref":"ssl","name":"libssl3","version":"3.0.11-1~deb12u2",
           "purl":"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12.5"}]}
        """;

    private readonly TemporaryDirectory _work = new("depwatch-cli-");

    [Fact]
    public async Task Json_output_is_an_array_of_dependency_track_findings()
    {
        var run = await ScanAsync(Openssl, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var findings = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal(["CVE-2024-90001", "CVE-2024-90002"], findings.Select(f => (string)f!["vulnerability"]!["vulnId"]!).Order());
        var fixedOne = findings.Single(f => (string)f!["vulnerability"]!["vulnId"]! == "CVE-2024-90001")!;
        Assert.Equal("libssl3", (string)fixedOne["component"]!["name"]!);
        Assert.Equal("ssl", (string)fixedOne["component"]!["bomRef"]!);
        Assert.Equal("NVD", (string)fixedOne["vulnerability"]!["source"]!);
        Assert.Equal(["3.0.15-1~deb12u1"], fixedOne["vulnerability"]!["fixedVersions"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("TRIVY_ANALYZER", (string)fixedOne["attribution"]!["analyzerIdentity"]!);
        Assert.Contains("read 2 components", run.Error);
    }

    [Fact]
    public async Task The_table_ends_with_a_summary()
    {
        var run = await ScanAsync(Openssl);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CVE-2024-90001", run.Out);
        Assert.Contains("2 components, 1 analyzed, 2 findings: 0 critical, 0 high, 1 medium, 1 low, 0 unassigned", run.Out);
    }

    [Fact]
    public async Task A_package_with_an_epoch_is_reported_with_the_version_trivy_compared()
    {
        // As Trivy before 0.50 wrote it: the epoch only in the purl's qualifier and the source's property.
        const string Ffmpeg = """
            {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
              {"type":"operating-system","name":"debian","version":"12.5"},
              {"type":"library","bom-ref":"avcodec","name":"libavcodec59","version":"5.1.6-0+deb12u1",
               "purl":"pkg:deb/debian/libavcodec59@5.1.6-0%2Bdeb12u1?arch=amd64&distro=debian-12.5&epoch=7",
               "properties":[{"name":"aquasecurity:trivy:SrcName","value":"ffmpeg"},{"name":"aquasecurity:trivy:SrcVersion","value":"5.1.6"},
                             {"name":"aquasecurity:trivy:SrcRelease","value":"0+deb12u1"},{"name":"aquasecurity:trivy:SrcEpoch","value":"7"}]}]}
            """;

        var table = await ScanAsync(Ffmpeg);
        var json = await ScanAsync(Ffmpeg, "--format", "json");

        Assert.Contains("libavcodec59@7:5.1.6-0+deb12u1", table.Out);
        Assert.DoesNotContain("CVE-2024-90091", table.Out);
        var finding = Assert.Single(JsonNode.Parse(json.Out)!.AsArray())!;
        Assert.Equal(("CVE-2024-90092", "7:5.1.6-0+deb12u1"), ((string)finding["vulnerability"]!["vulnId"]!, (string)finding["component"]!["version"]!));
    }

    [Fact]
    public async Task Sarif_output_has_one_result_per_finding()
    {
        var run = await ScanAsync(Openssl, "--format", "sarif");

        var sarif = JsonNode.Parse(run.Out)!;
        Assert.Equal("2.1.0", (string)sarif["version"]!);
        Assert.Equal(2, sarif["runs"]![0]!["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task Ignore_unfixed_keeps_only_findings_with_a_fix()
    {
        var run = await ScanAsync(Openssl, "--format", "json", "--ignore-unfixed");

        Assert.Equal(["CVE-2024-90001"], JsonNode.Parse(run.Out)!.AsArray().Select(f => (string)f!["vulnerability"]!["vulnId"]!));
    }

    [Theory]
    [InlineData("high", 0)]
    [InlineData("medium", 1)]
    [InlineData("low", 1)]
    public async Task Fail_on_exits_1_when_a_finding_is_at_least_that_severe(string threshold, int exitCode)
    {
        var run = await ScanAsync(Openssl, "--fail-on", threshold, "--quiet");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Url_and_token_come_from_the_environment()
    {
        var file = Write(Openssl);
        var variables = new Dictionary<string, string>
        {
            ["DEPWATCH_TRIVY_URL"] = trivy.BaseUrl.ToString(),
            ["DEPWATCH_TRIVY_TOKEN"] = trivy.Token,
        };

        var run = await cli.RunAsync(["scan", file, "--format", "json"], variables);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, JsonNode.Parse(run.Out)!.AsArray().Count);
    }

    [Fact]
    public async Task The_sbom_can_come_from_standard_input_and_the_report_go_to_a_file()
    {
        var report = Path.Combine(_work.Path, "report.json");

        var run = await cli.RunAsync(
            ["scan", "-", "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", trivy.Token, "-f", "json", "-o", report], stdin: Openssl);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(2, JsonNode.Parse(await File.ReadAllTextAsync(report))!.AsArray().Count);
    }

    [Fact]
    public async Task A_server_with_a_custom_token_header_is_reached_with_that_header()
    {
        await using var server = await TrivyServerInstance.StartAsync(new TrivyServerOptions { TokenHeader = "X-Scanner-Token" });
        var file = Write(Openssl);

        var run = await cli.RunAsync(["scan", file, "--trivy-url", server.BaseUrl.ToString(), "--trivy-token", server.Token,
            "--trivy-token-header", "X-Scanner-Token", "-f", "json"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, JsonNode.Parse(run.Out)!.AsArray().Count);
    }

    [Fact]
    public async Task Json_encoding_finds_the_same_as_protobuf()
    {
        var protobuf = await ScanAsync(Openssl, "--format", "json");
        var json = await ScanAsync(Openssl, "--format", "json", "--trivy-encoding", "json");

        Assert.Equal(0, json.ExitCode);
        Assert.Equal(JsonNode.Parse(protobuf.Out)!.ToJsonString(), JsonNode.Parse(json.Out)!.ToJsonString());
    }

    [Fact]
    public async Task A_wrong_token_exits_3_and_says_so()
    {
        var file = Write(Openssl);

        var run = await cli.RunAsync(["scan", file, "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", "wrong"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("rejected the API token", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task An_unreachable_server_exits_3_naming_its_url()
    {
        var url = $"http://127.0.0.1:{Testing.FreePort.Find()}";

        var run = await cli.RunAsync(["scan", Write(Openssl), "--trivy-url", url, "--quiet"]);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"Trivy at {url}/ is unreachable", run.Error);
    }

    [Theory]
    [InlineData("""{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"type":"library","name":"a",}]}""", "$.components[0]")]
    [InlineData("""{"bomFormat":"SPDX","specVersion":"1.5"}""", "bomFormat")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">&x;</bom>", "line 1")]
    [InlineData("hello", "not a CycloneDX document")]
    public async Task A_bad_sbom_exits_2_naming_the_problem_and_where(string content, string expectedFragment)
    {
        var run = await ScanAsync(content);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a valid CycloneDX SBOM", run.Error);
        Assert.Contains(expectedFragment, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("root:", run.Error);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var run = await cli.RunAsync(["scan", Path.Combine(_work.Path, "nope.json"), "--trivy-url", "http://127.0.0.1:1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read SBOM", run.Error);
    }

    [Theory]
    [InlineData(new[] { "scan", "bom.json" }, "no Trivy server given")]
    [InlineData(new[] { "scan", "bom.json", "--trivy-url", "trivy:8080" }, "is not an absolute http:// or https:// URL")]
    [InlineData(new[] { "scan", "bom.json", "--trivy-url", "http://t", "--format", "xml" }, "xml")]
    [InlineData(new[] { "scan", "bom.json", "--trivy-url", "http://t", "--fail-on", "severe" }, "severe")]
    [InlineData(new[] { "scan", "bom.json", "--trivy-url", "http://t", "--frobnicate" }, "--frobnicate")]
    [InlineData(new[] { "scan" }, "Required argument missing")]
    public async Task Bad_usage_exits_2_with_a_message(string[] args, string expectedFragment)
    {
        var run = await cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expectedFragment, run.Error);
    }

    private async Task<CliRun> ScanAsync(string bom, params string[] options) =>
        await cli.RunAsync(["scan", Write(bom), "--trivy-url", trivy.BaseUrl.ToString(), "--trivy-token", trivy.Token, .. options]);

    private string Write(string content)
    {
        var file = Path.Combine(_work.Path, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => _work.Dispose();
}
