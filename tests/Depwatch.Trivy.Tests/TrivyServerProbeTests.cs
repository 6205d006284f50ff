using Depwatch.Testing;
using Depwatch.Testing.FakeTwirp;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Trivy.Tests;

[Collection(TrivyCollection.Name)]
public sealed class TrivyServerProbeTests(TrivyServerFixture trivy)
{
    private static readonly HttpClient s_http = TrivyAnalyzer.CreateHttpClient();

    [Fact]
    public async Task A_reachable_server_that_accepts_the_token_is_usable()
    {
        var result = await Probe(new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = trivy.Token });

        Assert.True(result.IsUsable, result.Problem);
        Assert.Null(result.Version);
    }

    [Fact]
    public async Task A_wrong_token_is_named_as_the_problem()
    {
        var result = await Probe(new TrivyOptions { BaseUrl = trivy.BaseUrl, ApiToken = "wrong" });

        Assert.True(result.Reachable);
        Assert.False(result.TokenAccepted);
        Assert.Contains("rejected the API token", result.Problem);
    }

    [Fact]
    public async Task An_unreachable_server_says_so_with_its_url()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Find()}");

        var result = await Probe(new TrivyOptions { BaseUrl = url });

        Assert.False(result.Reachable);
        Assert.Null(result.TokenAccepted);
        Assert.Contains("cannot be reached", result.Problem);
        Assert.Contains(url.ToString(), result.Problem);
    }

    [Fact]
    public async Task A_newer_server_reports_its_version_and_database_age()
    {
        await using var server = await FakeTwirpServer.StartAsync(request => request.Path switch
        {
            "/healthz" => FakeResponse.Text(200, "ok"),
            "/version" => FakeResponse.Json("""{"Version":"0.74.0","VulnerabilityDB":{"Version":2,"UpdatedAt":"2026-11-20T06:00:00Z"}}"""),
            _ => FakeResponse.Json("{}"),
        });

        var result = await Probe(new TrivyOptions { BaseUrl = server.BaseUrl });

        Assert.True(result.IsUsable);
        Assert.Equal("0.74.0", result.Version);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), result.DatabaseUpdatedAt);
    }

    [Fact]
    public async Task Something_that_is_not_a_trivy_server_is_named_as_such()
    {
        await using var server = await FakeTwirpServer.StartAsync(_ => FakeResponse.Text(404, "404 page not found"));

        var result = await Probe(new TrivyOptions { BaseUrl = server.BaseUrl });

        Assert.False(result.Reachable);
        Assert.Contains("is it a Trivy server?", result.Problem);
    }

    private static Task<TrivyProbeResult> Probe(TrivyOptions options) => new TrivyServerProbe(options, s_http).ProbeAsync();
}
