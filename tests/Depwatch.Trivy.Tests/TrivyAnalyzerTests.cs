using Depwatch.Core.Analysis;
using Depwatch.Core.Components;
using Depwatch.Core.Findings;
using Depwatch.Testing;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Trivy.Tests;

/// <summary>The analyzer against the real Trivy server, on purls as SBOM generators write them.</summary>
[Collection(TrivyCollection.Name)]
public sealed class TrivyAnalyzerTests(TrivyServerFixture trivy)
{
    private static readonly HttpClient s_http = TrivyAnalyzer.CreateHttpClient();

    [Theory]
    [InlineData("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12.5", "CVE-2024-90001", "3.0.15-1~deb12u1")]
    [InlineData("pkg:deb/debian/login@1:4.13%2Bdfsg1-1?arch=amd64&upstream=shadow&distro=debian-12", "TEMP-0417290-5E2A7C", null)]
    [InlineData("pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&upstream=openssl&distro=ubuntu-22.04", "CVE-2024-90001", "3.0.2-0ubuntu1.18")]
    [InlineData("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&upstream=openssl&distro=alpine-3.19.1", "CVE-2024-90001", "3.1.7-r0")]
    [InlineData("pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm&distro=rocky-9.3", "CVE-2024-90001", "1:3.0.7-28.el9_4")]
    [InlineData("pkg:npm/%40babel/traverse@7.22.5", "CVE-2025-90102", "7.23.2, 8.0.0-alpha.4")]
    [InlineData("pkg:pypi/Django@4.2.7", "CVE-2025-90201", "4.2.16, 5.0.9")]
    [InlineData("pkg:pypi/python_multipart@0.0.9", "GHSA-5h8w-r7xq-9c3m", "0.0.18")]
    [InlineData("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.4?type=jar", "CVE-2025-90301", "2.13.4.2, 2.12.7.1")]
    [InlineData("pkg:golang/github.com/Masterminds/goutils@v1.1.0", "CVE-2025-90403", "1.1.1")]
    [InlineData("pkg:nuget/Newtonsoft.Json@12.0.3", "CVE-2025-90501", "13.0.1")]
    [InlineData("pkg:cargo/time@0.2.22", "RUSTSEC-2025-0901", "0.2.23")]
    [InlineData("pkg:composer/twig/twig@1.44.0", "2024-09-01-1", "1.44.8, 2.16.1")]
    [InlineData("pkg:gem/rack@1.4.1", "OSVDB-90901", "~> 1.4.5, >= 1.5.2")]
    public async Task Generator_style_purls_find_their_advisories(string purl, string vulnId, string? fixedVersion)
    {
        var result = await AnalyzeAsync([TestComponents.FromPurl("c", purl)]);

        var finding = Assert.Single(result.Findings, f => f.Vulnerability.VulnId == vulnId);
        Assert.Equal(fixedVersion, finding.FixedVersion);
        Assert.Equal("c", finding.Component.Key);
    }

    [Fact]
    public async Task Findings_carry_the_advisory_details()
    {
        var result = await AnalyzeAsync([TestComponents.FromPurl("ssl", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?upstream=openssl&distro=debian-12")]);

        var fixedOne = result.Findings.Single(f => f.Vulnerability.VulnId == "CVE-2024-90001");
        Assert.Equal((FindingStatus.Fixed, "NVD", "debian"), (fixedOne.Status, fixedOne.Vulnerability.Source, fixedOne.Vulnerability.DataSource!.Id));
        Assert.Contains(fixedOne.Vulnerability.Aliases, a => a.VulnId == "DSA-5801-1" && a.Source == "OSV");
        Assert.NotNull(fixedOne.Vulnerability.CvssV3);
        var deferred = result.Findings.Single(f => f.Vulnerability.VulnId == "CVE-2024-90002");
        Assert.Equal(FindingStatus.FixDeferred, deferred.Status);
    }

    [Theory]
    [InlineData("pkg:deb/debian/login@1:4.13%2Bdfsg1-1?upstream=shadow&distro=debian-12", "TEMP-0417290-5E2A7C", "OSV", "debian", "Debian Security Tracker")]
    [InlineData("pkg:composer/twig/twig@1.44.0", "2024-09-01-1", "OSV", "php-security-advisories", "PHP Security Advisories Database")]
    [InlineData("pkg:gem/rack@1.4.1", "OSVDB-90901", "OSV", "ruby-advisory-db", "Ruby Advisory Database")]
    [InlineData("pkg:npm/minimist@1.2.5", "CVE-2025-90104", "NVD", "nodejs-security-wg", "Node.js Ecosystem Security Working Group")]
    public async Task Every_finding_names_a_source_and_the_database_it_came_from(string purl, string vulnId, string source, string dataSourceId, string name)
    {
        var result = await AnalyzeAsync([TestComponents.FromPurl("c", purl)]);

        var vulnerability = Assert.Single(result.Findings, f => f.Vulnerability.VulnId == vulnId).Vulnerability;
        Assert.Equal((source, dataSourceId, name), (vulnerability.Source, vulnerability.DataSource!.Id, vulnerability.DataSource.Name));
        Assert.StartsWith("https://", vulnerability.DataSource.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_components_with_the_same_purl_both_get_their_findings()
    {
        var result = await AnalyzeAsync(
        [
            TestComponents.FromPurl("first", "pkg:npm/lodash@4.17.4"),
            TestComponents.FromPurl("second", "pkg:npm/lodash@4.17.4"),
        ]);

        Assert.Equal(["first", "first", "second", "second"], result.Findings.Select(f => f.Component.Key).Order());
    }

    [Fact]
    public async Task Several_distributions_and_ecosystems_in_one_inventory_are_all_analysed()
    {
        Component[] inventory =
        [
            TestComponents.FromPurl("deb", "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?upstream=openssl&distro=debian-12"),
            TestComponents.FromPurl("apk", "pkg:apk/alpine/busybox@1.36.1-r15?distro=alpine-3.19.1"),
            TestComponents.FromPurl("npm", "pkg:npm/lodash@4.17.4"),
            TestComponents.FromPurl("cargo", "pkg:cargo/smallvec@1.6.0"),
        ];

        var result = await AnalyzeAsync(inventory, new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token, MaxPackagesPerBlob = 1 });

        Assert.Equal(["apk", "cargo", "deb", "npm"], result.Findings.Select(f => f.Component.Key).Distinct().Order());
        Assert.Equal(4, result.AnalyzedComponents);
    }

    [Fact]
    public async Task The_json_encoding_works_with_this_server_generation()
    {
        var inventory = new[] { TestComponents.FromPurl("npm", "pkg:npm/lodash@4.17.4") };

        var result = await AnalyzeAsync(inventory, new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token, Encoding = TwirpEncoding.Json });

        Assert.Equal(["CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"], result.Findings.Select(f => f.Vulnerability.VulnId).Order());
    }

    [Fact]
    public async Task A_wrong_token_is_reported_as_rejected()
    {
        var options = new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = "wrong" };

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => AnalyzeAsync([TestComponents.FromPurl("npm", "pkg:npm/lodash@4.17.4")], options));

        Assert.Equal(AnalyzerFailure.Unauthenticated, error.Failure);
        Assert.Contains("invalid token", error.Message);
    }

    [Fact]
    public async Task A_server_that_comes_back_during_the_retries_completes_the_analysis()
    {
        await using var server = await TrivyServerInstance.StartAsync();
        await server.StopAsync();
        var options = new TrivyOptions
        {
            // About 75 s of retries: a loaded machine can take most of a minute to start Trivy again.
            BaseUrl = server.BaseUrl, ApiToken = server.Token, MaxRetries = 40,
            RetryBaseDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromSeconds(2),
        };

        var analysis = AnalyzeAsync([TestComponents.FromPurl("npm", "pkg:npm/lodash@4.17.4")], options);
        await server.RestartAsync();
        var result = await analysis;

        Assert.Equal(2, result.Findings.Count);
    }

    private Task<AnalysisResult> AnalyzeAsync(Component[] components, TrivyOptions? options = null) =>
        new TrivyAnalyzer(options ?? new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token }, s_http)
            .AnalyzeAsync(new AnalysisRequest(components));
}
