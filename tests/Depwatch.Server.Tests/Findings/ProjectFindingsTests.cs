using System.Net;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Findings;

/// <summary>The findings API over a real Trivy server: the same findings as <c>depwatch scan</c>, with the server's identities.</summary>
public abstract class ProjectFindingsTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task Findings_equal_what_depwatch_scan_reports_for_the_same_sbom()
    {
        var bom = TestBoms.DebianAndNpm();
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", bom);

        var served = await _client.FindingsAsync(Uuid(project));
        var scanned = await ScanReportJson.ScanAsync(trivy.Server, bom);

        Assert.Equal(4, served.Count);
        Assert.Equal(ScanReportJson.Canonical(scanned), ScanReportJson.Canonical(served.Select(ScanReportJson.WithoutServerKeys)));
        Assert.Equal(["libssl3 CVE-2024-90001", "libssl3 CVE-2024-90002", "lodash CVE-2025-90101", "lodash GHSA-r4q8-vxc6-wjf5"],
            PortfolioClient.Summaries(served));
        var fixedOpenssl = Single(served, "CVE-2024-90001");
        Assert.Equal(["3.0.15-1~deb12u1"], fixedOpenssl["vulnerability"]!["fixedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("MEDIUM", fixedOpenssl["vulnerability"]!["severity"]!.GetValue<string>());
        Assert.Equal("NVD", fixedOpenssl["vulnerability"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_package_with_an_epoch_is_kept_and_reported_with_the_version_trivy_compared()
    {
        // As Trivy before 0.50 wrote it: the epoch only in the purl's qualifier and the source's property.
        var bom = new BomBuilder("1.6")
            .WithOperatingSystem("debian", "12.5")
            .WithComponent("libavcodec59", "5.1.6-0+deb12u1", "pkg:deb/debian/libavcodec59@5.1.6-0%2Bdeb12u1?arch=amd64&distro=debian-12.5&epoch=7",
                properties: [new("aquasecurity:trivy:SrcName", "ffmpeg"), new("aquasecurity:trivy:SrcVersion", "5.1.6"),
                    new("aquasecurity:trivy:SrcRelease", "0+deb12u1"), new("aquasecurity:trivy:SrcEpoch", "7")])
            .ToJson();
        var project = await _client.UploadAndWaitAsync("media", "1.0.0", bom);

        var finding = Assert.Single(await _client.FindingsAsync(Uuid(project)))!;
        var components = await _client.GetJsonAsync<JsonArray>($"/api/v1/component/project/{Uuid(project)}");

        Assert.Equal(("CVE-2024-90092", "7:5.1.6-0+deb12u1"),
            (finding["vulnerability"]!["vulnId"]!.GetValue<string>(), finding["component"]!["version"]!.GetValue<string>()));
        Assert.Contains(components, c => c!["name"]!.GetValue<string>() == "libavcodec59" && c["version"]!.GetValue<string>() == "7:5.1.6-0+deb12u1");
    }

    [Fact]
    public async Task Each_finding_carries_dependency_tracks_uuids_project_matrix_and_attribution_date()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var projectUuid = Uuid(project);

        var served = await _client.FindingsAsync(projectUuid);
        var components = await _client.GetJsonAsync<JsonArray>($"/api/v1/component/project/{projectUuid}");

        foreach (var finding in served)
        {
            var componentUuid = finding!["component"]!["uuid"]!.GetValue<string>();
            var vulnerabilityUuid = finding["vulnerability"]!["uuid"]!.GetValue<string>();
            Assert.Equal(projectUuid, finding["component"]!["project"]!.GetValue<string>());
            Assert.Equal($"{projectUuid}:{componentUuid}:{vulnerabilityUuid}", finding["matrix"]!.GetValue<string>());
            Assert.Contains(components, c => c!["uuid"]!.GetValue<string>() == componentUuid
                && c["name"]!.GetValue<string>() == finding["component"]!["name"]!.GetValue<string>());
            Assert.InRange(finding["attribution"]!["attributedOn"]!.GetValue<long>(), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Assert.Equal("TRIVY_ANALYZER", finding["attribution"]!["analyzerIdentity"]!.GetValue<string>());
            Assert.False(finding["analysis"]!["isSuppressed"]!.GetValue<bool>());
        }
        var lodash = served.Where(f => f!["component"]!["name"]!.GetValue<string>() == "lodash").ToList();
        Assert.Single(lodash.Select(f => f!["component"]!["uuid"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task The_source_filter_keeps_one_vulnerability_source_and_the_total_count_follows_it()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());

        var response = await _client.Http.GetAsync($"/api/v1/finding/project/{Uuid(project)}?source=GITHUB");
        var github = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(["lodash GHSA-r4q8-vxc6-wjf5"], PortfolioClient.Summaries(github));
        Assert.Equal("1", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(3, (await _client.FindingsAsync(Uuid(project), "NVD")).Count);
        Assert.Empty(await _client.FindingsAsync(Uuid(project), "OSV"));
    }

    [Fact]
    public async Task Clients_that_accept_gzip_get_the_same_findings_compressed()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var path = $"/api/v1/finding/project/{Uuid(project)}";
        using var compressedRequest = new HttpRequestMessage(HttpMethod.Get, path);
        compressedRequest.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var refusedRequest = new HttpRequestMessage(HttpMethod.Get, path);
        refusedRequest.Headers.AcceptEncoding.ParseAdd("gzip;q=0");

        var plain = await _client.Http.GetAsync(path);
        var compressed = await _client.Http.SendAsync(compressedRequest);
        var refused = await _client.Http.SendAsync(refusedRequest);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Empty(refused.Content.Headers.ContentEncoding);
        var json = await plain.Content.ReadAsByteArrayAsync();
        var gzipped = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(gzipped.Length < json.Length, $"{gzipped.Length} compressed bytes, {json.Length} plain");
        Assert.Equal(json, Gunzip(gzipped));
        Assert.Equal(4, JsonNode.Parse(json)!.AsArray().Count);
        Assert.Equal("4", compressed.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(["Accept", "Accept-Encoding"], plain.Headers.Vary);
    }

    [Fact]
    public async Task A_client_holding_the_current_answer_gets_304_until_the_findings_change()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var path = $"/api/v1/finding/project/{Uuid(project)}";
        var first = await _client.Http.GetAsync(path);
        var etag = first.Headers.ETag!;

        var unchanged = await GetIfNoneMatchAsync(path, etag);
        var otherEncoding = await GetIfNoneMatchAsync(path, etag, acceptEncoding: "gzip");
        var gzipUnchanged = await GetIfNoneMatchAsync(path, otherEncoding.Headers.ETag!, acceptEncoding: "gzip");
        await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.Npm(("lodash", "4.17.4")));
        var changed = await GetIfNoneMatchAsync(path, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, unchanged.Headers.ETag);
        // Holding the plain answer is not holding the compressed one: that client is sent it, with its own tag.
        Assert.Equal(HttpStatusCode.OK, otherEncoding.StatusCode);
        Assert.Equal(["gzip"], otherEncoding.Content.Headers.ContentEncoding);
        Assert.NotEqual(etag, otherEncoding.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, gzipUnchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var now = JsonNode.Parse(await changed.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(["lodash CVE-2025-90101", "lodash GHSA-r4q8-vxc6-wjf5"], PortfolioClient.Summaries(now));
    }

    [Fact]
    public async Task Asking_for_sarif_gets_one_rule_per_vulnerability_and_one_result_per_finding()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var uuid = Uuid(project);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/finding/project/{uuid}");
        request.Headers.Accept.ParseAdd("application/sarif+json");

        var response = await _client.Http.SendAsync(request);

        Assert.Equal("application/sarif+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"findings-{uuid}.sarif", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var run = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runs"]![0]!;
        Assert.Equal(["CVE-2024-90001", "CVE-2024-90002", "CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"],
            run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        // As Dependency-Track: a rule is named after its first CWE, in Pascal case without spaces.
        Assert.Equal("ImproperlyControlledModificationOfObjectPrototypeAttributes('PrototypePollution')",
            run["tool"]!["driver"]!["rules"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "GHSA-r4q8-vxc6-wjf5")!["name"]!.GetValue<string>());
        var results = run["results"]!.AsArray();
        Assert.Equal(4, results.Count);
        var critical = results.Single(r => r!["ruleId"]!.GetValue<string>() == "GHSA-r4q8-vxc6-wjf5")!;
        Assert.Equal("error", critical["level"]!.GetValue<string>());
        Assert.Equal("pkg:npm/lodash@4.17.4", critical["locations"]![0]!["logicalLocations"]![0]!["fullyQualifiedName"]!.GetValue<string>());
        Assert.Equal("9.8", critical["properties"]!["cvssV3BaseScore"]!.GetValue<string>());
        Assert.Equal("0", critical["properties"]!["severityRank"]!.GetValue<string>());
        Assert.Equal("note", results.Single(r => r!["ruleId"]!.GetValue<string>() == "CVE-2024-90002")!["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Analyze_on_demand_returns_a_token_that_ends_when_the_analysis_is_done()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var firstAnalysis = project["lastVulnerabilityAnalysis"]!.GetValue<long>();

        var token = await _client.AnalyzeAsync(Uuid(project));
        await _client.WaitForTokenAsync(token);

        var analysed = await _client.LookupAsync("shop", "1.0.0");
        Assert.Equal("SUCCEEDED", analysed["lastAnalysisState"]!.GetValue<string>());
        Assert.True(analysed["lastVulnerabilityAnalysis"]!.GetValue<long>() > firstAnalysis);
        Assert.Equal(4, (await _client.FindingsAsync(Uuid(project))).Count);
    }

    [Fact]
    public async Task Unknown_and_malformed_projects_are_answered_as_dependency_track_does()
    {
        var unknown = Guid.NewGuid();

        var findings = await _client.Http.GetAsync($"/api/v1/finding/project/{unknown}");
        var analyze = await _client.Http.PostAsync($"/api/v1/finding/project/{unknown}/analyze", null);
        var malformed = await _client.Http.GetAsync("/api/v1/finding/project/not-a-uuid");

        Assert.Equal(HttpStatusCode.NotFound, findings.StatusCode);
        Assert.Equal("The project could not be found.", await findings.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, analyze.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("Invalid UUID", await malformed.Content.ReadAsStringAsync());
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> GetIfNoneMatchAsync(
        string path, System.Net.Http.Headers.EntityTagHeaderValue etag, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        if (acceptEncoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        }
        return await _client.Http.SendAsync(request);
    }

    private static byte[] Gunzip(byte[] gzipped)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(gzipped), System.IO.Compression.CompressionMode.Decompress))
        {
            gzip.CopyTo(output);
        }
        return output.ToArray();
    }

    private static string Uuid(JsonObject project) => project["uuid"]!.GetValue<string>();

    private static JsonNode Single(JsonArray findings, string vulnId) =>
        findings.Single(f => f!["vulnerability"]!["vulnId"]!.GetValue<string>() == vulnId)!;
}

[Collection(TrivyCollection.Name)]
public sealed class ProjectFindingsOnSqlite(TrivyServerFixture trivy) : ProjectFindingsTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class ProjectFindingsOnPostgres(TrivyServerFixture trivy) : ProjectFindingsTests(StorageKind.Postgres, trivy);
