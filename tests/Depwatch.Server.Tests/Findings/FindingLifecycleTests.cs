using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Findings;

/// <summary>
/// Findings over time: a finding Trivy stops reporting is resolved with a date and kept, not deleted; one reported
/// again is reopened with its first attribution date; one still reported keeps its date.
/// </summary>
public abstract class FindingLifecycleTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task An_upgrade_in_a_new_bom_resolves_the_vanished_finding_with_a_date_and_keeps_it()
    {
        // lodash 4.17.4 has GHSA-r4q8-vxc6-wjf5 (fixed in 4.17.12) and CVE-2025-90101 (fixed in 4.17.21).
        var project = await _client.UploadAndWaitAsync("app", "1", TestBoms.LodashWithoutPurlVersion("4.17.4"));
        var projectId = Guid.Parse(project["uuid"]!.GetValue<string>());
        var first = await FindingHistory.AllAsync(_app, projectId);
        Assert.Equal(["CVE-2025-90101", "CVE-2025-90104", "GHSA-r4q8-vxc6-wjf5"], first.Select(f => f.VulnId));

        var beforeUpgrade = DateTimeOffset.UtcNow;
        await _client.UploadAndWaitAsync("app", "1", TestBoms.LodashWithoutPurlVersion("4.17.12"));

        Assert.Equal(["lodash CVE-2025-90101", "minimist CVE-2025-90104"], PortfolioClient.Summaries(await _client.FindingsAsync(project["uuid"]!.GetValue<string>())));
        var after = await FindingHistory.AllAsync(_app, projectId);
        var resolved = after.Single(f => f.VulnId == "GHSA-r4q8-vxc6-wjf5").Finding;
        Assert.NotNull(resolved.ResolvedOn);
        Assert.InRange(resolved.ResolvedOn.Value, beforeUpgrade, DateTimeOffset.UtcNow);
        Assert.Equal(first.Single(f => f.VulnId == "GHSA-r4q8-vxc6-wjf5").Finding.Id, resolved.Id);
        var kept = after.Single(f => f.VulnId == "CVE-2025-90101").Finding;
        Assert.Null(kept.ResolvedOn);
        Assert.Equal(first.Single(f => f.VulnId == "CVE-2025-90101").Finding.AttributedOn, kept.AttributedOn);
        Assert.Equal("4.17.12", kept.InstalledVersion);
    }

    [Fact]
    public async Task A_resolved_finding_reported_again_is_reopened_with_its_first_attribution()
    {
        var project = await _client.UploadAndWaitAsync("app", "1", TestBoms.LodashWithoutPurlVersion("4.17.4"));
        var projectId = Guid.Parse(project["uuid"]!.GetValue<string>());
        var original = (await FindingHistory.AllAsync(_app, projectId)).Single(f => f.VulnId == "GHSA-r4q8-vxc6-wjf5").Finding;
        await _client.UploadAndWaitAsync("app", "1", TestBoms.LodashWithoutPurlVersion("4.17.12"));

        await _client.UploadAndWaitAsync("app", "1", TestBoms.LodashWithoutPurlVersion("4.17.4"));

        var reopened = (await FindingHistory.AllAsync(_app, projectId)).Single(f => f.VulnId == "GHSA-r4q8-vxc6-wjf5").Finding;
        Assert.Equal(original.Id, reopened.Id);
        Assert.Null(reopened.ResolvedOn);
        Assert.Equal(original.AttributedOn, reopened.AttributedOn);
        var served = await _client.FindingsAsync(project["uuid"]!.GetValue<string>());
        Assert.Contains(served, f => f!["vulnerability"]!["vulnId"]!.GetValue<string>() == "GHSA-r4q8-vxc6-wjf5"
            && f["attribution"]!["attributedOn"]!.GetValue<long>() == original.AttributedOn.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_component_removed_from_the_bom_takes_its_findings_with_it()
    {
        // Dependency-Track's rule, kept by BOM ingestion: a component's findings live only as long as the component.
        var project = await _client.UploadAndWaitAsync("app", "1", TestBoms.Npm(("lodash", "4.17.4"), ("minimist", "1.2.5")));
        var projectId = Guid.Parse(project["uuid"]!.GetValue<string>());

        await _client.UploadAndWaitAsync("app", "1", TestBoms.Npm(("minimist", "1.2.5")));

        Assert.Equal(["CVE-2025-90104"], (await FindingHistory.AllAsync(_app, projectId)).Select(f => f.VulnId));
        Assert.Equal(["minimist CVE-2025-90104"], PortfolioClient.Summaries(await _client.FindingsAsync(projectId.ToString())));
    }

    [Fact]
    public async Task Ignoring_unfixed_vulnerabilities_resolves_the_unfixed_findings_at_the_next_analysis()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var uuid = project["uuid"]!.GetValue<string>();
        Assert.Contains("libssl3 CVE-2024-90002", PortfolioClient.Summaries(await _client.FindingsAsync(uuid)));

        var update = await _client.Http.PostAsync("/api/v1/configProperty", JsonContent(
            new JsonObject { ["groupName"] = "scanner", ["propertyName"] = "trivy.ignore.unfixed", ["propertyValue"] = "true" }));
        Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync());
        await _client.WaitForTokenAsync(await _client.AnalyzeAsync(uuid));

        Assert.DoesNotContain("libssl3 CVE-2024-90002", PortfolioClient.Summaries(await _client.FindingsAsync(uuid)));
        var history = await FindingHistory.AllAsync(_app, Guid.Parse(uuid));
        Assert.NotNull(history.Single(f => f.VulnId == "CVE-2024-90002").Finding.ResolvedOn);
    }

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

[Collection(TrivyCollection.Name)]
public sealed class FindingLifecycleOnSqlite(TrivyServerFixture trivy) : FindingLifecycleTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class FindingLifecycleOnPostgres(TrivyServerFixture trivy) : FindingLifecycleTests(StorageKind.Postgres, trivy);
