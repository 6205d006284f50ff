using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>With the Trivy analyzer disabled (the default), uploads are ingested and the analysis is skipped, saying why.</summary>
public abstract class DisabledAnalyzerTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;

    [Fact]
    public async Task The_analysis_is_skipped_with_the_reason_and_the_token_completes()
    {
        var client = new PortfolioClient(_app.CreateClient());

        var project = await client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());

        Assert.Equal("SKIPPED", project["lastAnalysisState"]!.GetValue<string>());
        Assert.Equal("Trivy analyzer is disabled", project["lastAnalysisError"]!.GetValue<string>());
        Assert.Null(project["lastVulnerabilityAnalysis"]);
        Assert.Empty(await client.FindingsAsync(project["uuid"]!.GetValue<string>()));
        Assert.Equal(4, project["metrics"]!["components"]!.GetValue<int>());
    }

    public async Task InitializeAsync() => _app = await AnalysisHost.StartAsync(storage, trivy: null);

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class DisabledAnalyzerOnSqlite() : DisabledAnalyzerTests(StorageKind.Sqlite);

public sealed class DisabledAnalyzerOnPostgres() : DisabledAnalyzerTests(StorageKind.Postgres);
