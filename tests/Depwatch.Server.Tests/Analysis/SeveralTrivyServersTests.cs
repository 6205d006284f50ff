using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>
/// Depwatch configured with two real Trivy servers in trivy.base.url, one killed while projects are being analysed:
/// every analysis completes with the findings one server gives.
/// </summary>
public sealed class SeveralTrivyServersTests : IAsyncLifetime
{
    private const string Token = "one-token-for-both-servers";

    private TrivyServerInstance _first = null!;
    private TrivyServerInstance _second = null!;
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task Every_analysis_completes_with_the_same_findings_when_one_server_dies_mid_way()
    {
        var alone = await _client.UploadAndWaitAsync("reference", "1", TestBoms.DebianAndNpm());
        var expected = await VulnIdsAsync(alone["uuid"]!.GetValue<string>());

        var tokens = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            tokens.Add(await _client.UploadAsync($"shop-{i}", "1", TestBoms.DebianAndNpm()));
            if (i == 3)
            {
                await _second.StopAsync();
            }
        }
        foreach (var token in tokens)
        {
            await _client.WaitForTokenAsync(token);
        }

        Assert.Equal(["CVE-2024-90001", "CVE-2024-90002", "CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"], expected);
        for (var i = 0; i < 12; i++)
        {
            var project = await _client.LookupAsync($"shop-{i}", "1");
            Assert.Equal("SUCCEEDED", project["lastAnalysisState"]?.GetValue<string>());
            Assert.Equal(expected, await VulnIdsAsync(project["uuid"]!.GetValue<string>()));
        }
    }

    public async Task InitializeAsync()
    {
        var options = new TrivyServerOptions { Token = Token };
        (_first, _second) = (await TrivyServerInstance.StartAsync(options), await TrivyServerInstance.StartAsync(options));
        _app = await DepwatchApplication.StartAsync(StorageKind.Sqlite, new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:BaseUrl"] = $"{_first.BaseUrl}, {_second.BaseUrl}",
            ["Depwatch:Trivy:ApiToken"] = Token,
        });
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private async Task<List<string>> VulnIdsAsync(string uuid) =>
        [.. (await _client.FindingsAsync(uuid)).Select(f => f!["vulnerability"]!["vulnId"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
}
