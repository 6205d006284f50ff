using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>
/// Trivy going down never loses or damages anything: the project shows that its analysis failed and why, its findings
/// stay as they were, and the job is retried until Trivy is back.
/// </summary>
public abstract class TrivyOutageTests(StorageKind storage) : IAsyncLifetime
{
    private TrivyServerInstance _trivy = null!;
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task A_stopped_trivy_fails_the_analysis_with_its_reason_keeps_the_findings_and_the_retry_succeeds()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var uuid = project["uuid"]!.GetValue<string>();
        var before = await _client.FindingsAsync(uuid);
        var lastSuccess = project["lastVulnerabilityAnalysis"]!.GetValue<long>();

        await _trivy.StopAsync();
        var token = await _client.AnalyzeAsync(uuid);
        var failed = await _client.WaitForAnalysisStateAsync(uuid, "FAILED");

        var error = failed["lastAnalysisError"]!.GetValue<string>();
        Assert.Contains(_trivy.BaseUrl.ToString(), error);
        Assert.Contains("unreachable", error);
        Assert.DoesNotContain(_trivy.Token, error);
        Assert.Equal(lastSuccess, failed["lastVulnerabilityAnalysis"]!.GetValue<long>());
        Assert.Equal(before.ToJsonString(), (await _client.FindingsAsync(uuid)).ToJsonString());

        await _trivy.RestartAsync();
        await _client.WaitForTokenAsync(token);

        var recovered = await _client.WaitForAnalysisStateAsync(uuid, "SUCCEEDED");
        Assert.Null(recovered["lastAnalysisError"]);
        Assert.True(recovered["lastVulnerabilityAnalysis"]!.GetValue<long>() > lastSuccess);
        Assert.Equal(before.ToJsonString(), (await _client.FindingsAsync(uuid)).ToJsonString());
    }

    [Fact]
    public async Task A_wrong_token_fails_the_analysis_saying_so_without_revealing_the_token()
    {
        await _app.DisposeAsync();
        _app = await AnalysisHost.StartAsync(storage, _trivy, new Dictionary<string, string?> { ["Depwatch:Trivy:ApiToken"] = "not-the-token" });
        _client = new PortfolioClient(_app.CreateClient());
        var token = await _client.UploadAsync("placeholder", "0", TestBoms.Npm(("left-pad", "1.3.0")));

        var project = await _client.WaitForAnalysisStateAsync((await _client.LookupAsync("placeholder", "0"))["uuid"]!.GetValue<string>(), "FAILED");
        Assert.True((await _client.GetJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/event/token/{token}"))["processing"]!.GetValue<bool>());

        var error = project["lastAnalysisError"]!.GetValue<string>();
        Assert.Contains("rejected the API token", error);
        Assert.DoesNotContain("not-the-token", error);
    }

    [Fact]
    public async Task Credentials_written_into_the_base_url_reach_neither_the_projects_message_nor_the_log()
    {
        var closed = Depwatch.Testing.FreePort.Find();
        var log = new LogRecorder(LogLevel.Debug);
        await _app.DisposeAsync();
        _app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:BaseUrl"] = $"http://bob:url-secret-77@127.0.0.1:{closed}/",
        }, services: s => s.AddSingleton<ILoggerProvider>(log));
        _client = new PortfolioClient(_app.CreateClient());
        await _client.UploadAsync("fenced", "1", TestBoms.Npm(("left-pad", "1.3.0")));

        var project = await _client.WaitForAnalysisStateAsync((await _client.LookupAsync("fenced", "1"))["uuid"]!.GetValue<string>(), "FAILED");

        var error = project["lastAnalysisError"]!.GetValue<string>();
        Assert.Contains($"Trivy at http://127.0.0.1:{closed}/ is unreachable", error);
        Assert.DoesNotContain("url-secret-77", error);
        Assert.DoesNotContain(log.Entries, entry => entry.Contains("url-secret-77", StringComparison.Ordinal));
    }

    public async Task InitializeAsync()
    {
        _trivy = await TrivyServerInstance.StartAsync();
        _app = await AnalysisHost.StartAsync(storage, _trivy);
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _trivy.DisposeAsync();
    }
}

public sealed class TrivyOutageOnSqlite() : TrivyOutageTests(StorageKind.Sqlite);

public sealed class TrivyOutageOnPostgres() : TrivyOutageTests(StorageKind.Postgres);
