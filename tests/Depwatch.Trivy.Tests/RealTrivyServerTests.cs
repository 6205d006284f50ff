using System.Net;
using System.Text.Json.Nodes;
using Depwatch.Testing.TrivyDb;
using Depwatch.Testing.TrivyServer;
using static Depwatch.Testing.TrivyServer.TrivyJsonPayloads;

namespace Depwatch.Trivy.Tests;

/// <summary>
/// Proves the fixture DB writer against the real Trivy binary, with raw JSON Twirp calls.
/// The expected values come from testdata/trivy-db/*.yaml.
/// </summary>
[Collection(TrivyCollection.Name)]
public sealed class RealTrivyServerTests(TrivyServerFixture trivy)
{
    [Fact]
    public async Task Debian_and_npm_packages_get_the_fixture_advisories()
    {
        var blob = Blob(os: ("debian", "12.5"),
            osPackages: [OsPackage("k1", "libssl3", "openssl", "3.0.11", "1~deb12u2")],
            application: ("npm", [LanguagePackage("k2", "lodash", "4.17.4")]));

        var found = await ScanAsync(trivy.Server, blob);

        var fixedCve = Single(found, "CVE-2024-90001");
        Assert.Equal(("k1", "3.0.15-1~deb12u1", 3, "MEDIUM", "debian"), Summary(fixedCve));
        Assert.Equal("debian", fixedCve["data_source"]!["id"]!.GetValue<string>());
        Assert.Equal(["DSA-5801-1"], fixedCve["vendor_ids"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(5.9, fixedCve["cvss"]!["nvd"]!["v3_score"]!.GetValue<double>());
        var postponedWithoutDetails = Single(found, "CVE-2024-90002");
        Assert.Equal(("k1", "", 6, "LOW", "debian"), Summary(postponedWithoutDetails));
        Assert.Equal("", postponedWithoutDetails["title"]!.GetValue<string>());
        Assert.Equal(("k2", "4.17.21", 3, "HIGH", "ghsa"), Summary(Single(found, "CVE-2025-90101")));
        Assert.Equal(("k2", "4.17.12", 3, "CRITICAL", "ghsa"), Summary(Single(found, "GHSA-r4q8-vxc6-wjf5")));
        Assert.Equal(
            ["CVE-2024-90001", "CVE-2024-90002", "CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"],
            found.Select(VulnerabilityId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("debian", "12.5", "zlib1g", "zlib", "1:1.2.13.dfsg", "1", "CVE-2024-90021", "1:1.2.13.dfsg-1+deb12u1")]
    [InlineData("debian", "12.5", "login", "shadow", "1:4.13+dfsg1", "1", "TEMP-0417290-5E2A7C", "")]
    [InlineData("ubuntu", "22.04", "libssl3", "openssl", "3.0.2", "0ubuntu1.15", "CVE-2024-90001", "3.0.2-0ubuntu1.18")]
    [InlineData("alpine", "3.19.1", "libcrypto3", "openssl", "3.1.4-r5", "", "CVE-2024-90001", "3.1.7-r0")]
    // Rocky advisories are per architecture: OsPackage sends x86_64, which the others ignore.
    [InlineData("rocky", "9.3", "openssl-libs", "openssl", "1:3.0.7", "24.el9", "CVE-2024-90001", "1:3.0.7-28.el9_4")]
    public async Task Os_packages_match_their_distribution_bucket(
        string family, string osName, string name, string sourceName, string version, string release, string expectedId, string expectedFixed)
    {
        var blob = Blob(os: (family, osName), osPackages: [OsPackage("os-1", name, sourceName, version, release)]);

        var found = await ScanAsync(trivy.Server, blob);

        var vulnerability = Single(found, expectedId);
        Assert.Equal(expectedFixed, vulnerability["fixed_version"]!.GetValue<string>());
        Assert.Equal("os-1", vulnerability["pkg_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("npm", "@babel/traverse", "7.22.5", "CVE-2025-90102", "7.23.2, 8.0.0-alpha.4")]
    [InlineData("node-pkg", "minimist", "1.2.5", "CVE-2025-90104", "0.2.4, 1.2.6")]
    [InlineData("pip", "Django", "4.2.7", "CVE-2025-90201", "4.2.16, 5.0.9")]
    [InlineData("python-pkg", "python_multipart", "0.0.9", "GHSA-5h8w-r7xq-9c3m", "0.0.18")]
    [InlineData("pom", "com.fasterxml.jackson.core:jackson-databind", "2.13.4", "CVE-2025-90301", "2.13.4.2, 2.12.7.1")]
    [InlineData("gomod", "golang.org/x/net", "0.17.0", "CVE-2025-90401", "0.23.0")]
    [InlineData("gobinary", "github.com/Masterminds/goutils", "1.1.0", "CVE-2025-90403", "1.1.1")]
    [InlineData("nuget", "newtonsoft.json", "12.0.3", "CVE-2025-90501", "13.0.1")]
    [InlineData("dotnet-core", "system.text.encodings.web", "4.5.0", "CVE-2025-90502", "4.5.1, 5.0.1")]
    [InlineData("cargo", "smallvec", "1.6.0", "CVE-2025-90601", "0.6.14, 1.6.1")]
    [InlineData("cargo", "time", "0.2.22", "RUSTSEC-2025-0901", "0.2.23")]
    public async Task Language_packages_match_their_ecosystem_buckets(
        string type, string name, string version, string expectedId, string expectedFixed)
    {
        var blob = Blob(application: (type, [LanguagePackage("lang-1", name, version)]));

        var found = await ScanAsync(trivy.Server, blob);

        var vulnerability = Single(found, expectedId);
        Assert.Equal(expectedFixed, vulnerability["fixed_version"]!.GetValue<string>());
        Assert.Equal("lang-1", vulnerability["pkg_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_token_is_unauthenticated()
    {
        using var http = trivy.CreateHttpClient();
        http.DefaultRequestHeaders.Remove(trivy.TokenHeader);
        http.DefaultRequestHeaders.Add(trivy.TokenHeader, "not-" + trivy.Token);

        var response = await new TwirpJsonClient(http).PostAsync(TwirpJsonClient.MissingBlobs, new JsonObject());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", response.Body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_server_can_take_the_token_from_another_header()
    {
        await using var server = await TrivyServerFixture.StartAsync(new TrivyServerOptions { TokenHeader = "X-Depwatch-Token" });
        using var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.Add(TrivyServerOptions.DefaultTokenHeader, server.Token);
        var twirp = new TwirpJsonClient(http);

        var withHeader = await twirp.PostAsync(TwirpJsonClient.MissingBlobs, new JsonObject { ["blob_ids"] = new JsonArray("sha256:x") });
        http.DefaultRequestHeaders.Remove("X-Depwatch-Token");
        var withDefaultHeaderOnly = await twirp.PostAsync(TwirpJsonClient.MissingBlobs, new JsonObject());

        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withDefaultHeaderOnly.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Each_meta_page_alone_is_a_valid_database(int metaPageToBreak)
    {
        // bbolt falls back to the other meta page when one fails its checksum, so break one
        // at a time: a server that still finds advisories proves the other page is valid.
        await using var server = await TrivyServerFixture.StartAsync(new TrivyServerOptions());
        await server.StopAsync();
        BreakMetaChecksum(Path.Combine(server.CacheDir, "db", "trivy.db"), metaPageToBreak);
        await server.RestartAsync();

        var found = await ScanAsync(server, Blob(os: ("debian", "12.5"), osPackages: [OsPackage("k1", "libssl3", "openssl", "3.0.11", "1~deb12u2")]));

        Assert.Contains(found, vulnerability => VulnerabilityId(vulnerability) == "CVE-2024-90001");
    }

    [Fact]
    public async Task Trivys_own_client_scans_a_hand_written_sbom_against_the_server()
    {
        using var workDir = new TemporaryDirectory();
        var sbom = Path.Combine(workDir.Path, "bom.cdx.json");
        await File.WriteAllTextAsync(sbom, HandWrittenCycloneDx);

        var result = await trivy.ScanSbomWithTrivyClientAsync(sbom);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var ids = JsonNode.Parse(result.StandardOutput)!["Results"]!.AsArray()
            .SelectMany(target => target!["Vulnerabilities"]?.AsArray() ?? [])
            .Select(vulnerability => vulnerability!["VulnerabilityID"]!.GetValue<string>());
        Assert.Equal(["CVE-2024-90001", "CVE-2024-90002", "CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"], ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Trivy_rootfs_makes_an_sbom_of_the_debian_fixture()
    {
        using var workDir = new TemporaryDirectory();
        var output = Path.Combine(workDir.Path, "debian12.cdx.json");

        await trivy.TrivyRootfsSbomAsync(RepositoryRoot.PathOf("testdata", "rootfs", "debian12"), output);

        var components = JsonNode.Parse(await File.ReadAllTextAsync(output))!["components"]!.AsArray();
        var os = Assert.Single(components, component => component!["type"]!.GetValue<string>() == "operating-system");
        Assert.Equal(("debian", "12.5"), (os!["name"]!.GetValue<string>(), os["version"]!.GetValue<string>()));
        var purls = components.Select(component => component!["purl"]?.GetValue<string>()).ToList();
        Assert.Contains("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5", purls);
        Assert.Contains("pkg:npm/lodash@4.17.4", purls);
    }

    private static async Task<List<JsonNode>> ScanAsync(TrivyServerInstance server, JsonObject blobInfo)
    {
        using var http = server.CreateHttpClient();
        var twirp = new TwirpJsonClient(http);
        var blobId = $"sha256:{Guid.NewGuid():N}";

        await twirp.CallAsync(TwirpJsonClient.PutBlob, new JsonObject { ["diff_id"] = blobId, ["blob_info"] = blobInfo });
        var response = await twirp.CallAsync(TwirpJsonClient.Scan, ScanRequest(blobId));
        await twirp.CallAsync(TwirpJsonClient.DeleteBlobs, new JsonObject { ["blob_ids"] = new JsonArray(blobId) });
        var missing = await twirp.CallAsync(TwirpJsonClient.MissingBlobs, new JsonObject { ["blob_ids"] = new JsonArray(blobId) });

        Assert.Equal(blobId, Assert.Single(missing["missing_blob_ids"]!.AsArray())!.GetValue<string>());
        return [.. response["results"]!.AsArray().SelectMany(result => result!["vulnerabilities"]?.AsArray() ?? []).OfType<JsonNode>()];
    }

    private static string VulnerabilityId(JsonNode vulnerability) => vulnerability["vulnerability_id"]!.GetValue<string>();

    private static JsonNode Single(IEnumerable<JsonNode> found, string id) =>
        Assert.Single(found, vulnerability => VulnerabilityId(vulnerability) == id);

    private static (string PkgId, string FixedVersion, int Status, string Severity, string SeveritySource) Summary(JsonNode vulnerability) => (
        vulnerability["pkg_id"]!.GetValue<string>(),
        vulnerability["fixed_version"]!.GetValue<string>(),
        vulnerability["status"]!.GetValue<int>(),
        vulnerability["severity"]!.GetValue<string>(),
        vulnerability["severity_source"]!.GetValue<string>());

    private static void BreakMetaChecksum(string dbFile, int metaPage)
    {
        const int checksumOffset = 16 + 56; // page header, then the checksummed meta fields
        using var file = File.Open(dbFile, FileMode.Open, FileAccess.ReadWrite);
        file.Position = (metaPage * BoltDbWriter.PageSize) + checksumOffset;
        var original = file.ReadByte();
        file.Position--;
        file.WriteByte((byte)(original ^ 0xFF));
    }

    private const string HandWrittenCycloneDx = """
        {
          "bomFormat": "CycloneDX",
          "specVersion": "1.5",
          "version": 1,
          "metadata": {"component": {"bom-ref": "app", "type": "application", "name": "hand-written"}},
          "components": [
            {"bom-ref": "os", "type": "operating-system", "name": "debian", "version": "12.5"},
            {"bom-ref": "libssl3", "type": "library", "name": "libssl3", "version": "3.0.11-1~deb12u2",
             "purl": "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5",
             "properties": [
               {"name": "aquasecurity:trivy:SrcName", "value": "openssl"},
               {"name": "aquasecurity:trivy:SrcVersion", "value": "3.0.11"},
               {"name": "aquasecurity:trivy:SrcRelease", "value": "1~deb12u2"}
             ]},
            {"bom-ref": "lodash", "type": "library", "name": "lodash", "version": "4.17.4", "purl": "pkg:npm/lodash@4.17.4"}
          ],
          "dependencies": [
            {"ref": "app", "dependsOn": ["os", "lodash"]},
            {"ref": "os", "dependsOn": ["libssl3"]}
          ]
        }
        """;
}
