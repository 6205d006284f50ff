using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Depwatch.Server.Ingest;
using Depwatch.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Boms;

/// <summary>
/// Uploads beyond the memory given to BOM work wait for their turn, and after Depwatch:UploadWait get 503 with
/// Retry-After and a problem body, nothing stored; sent again once the memory is free, they are accepted.
/// </summary>
public abstract class UploadMemoryBudgetTests(StorageKind storage) : IAsyncLifetime
{
    private const int MaxRequestBytes = 64 * 1024;

    private DepwatchApplication _app = null!;

    [Fact]
    public async Task An_upload_beyond_the_budget_gets_503_with_retry_after_and_is_accepted_once_the_budget_is_free()
    {
        var client = _app.CreateClient();
        var budget = _app.Services.GetRequiredService<BomMemoryBudget>();
        // Other work (an ingest, an analysis, another upload) holds the whole budget.
        var held = await budget.EnterAsync(budget.Total, CancellationToken.None);

        var refused = await BomApi.PostAsync(client, BomApi.Npm("right-pad"), "waiting");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains("Depwatch:BomMemoryBytes", problem["detail"]!.GetValue<string>());
        Assert.Null(await BomApi.ProjectAsync(_app, "waiting"));

        var waiting = BomApi.PutAsync(client, BomApi.Npm("left-pad"), "waiting");
        await Task.Delay(100);
        held.Dispose();
        // Processed, the accepted upload gives its share of the budget back: the next one is let in.
        await BomApi.WaitUntilProcessedAsync(client, await BomApi.TokenAsync(await waiting));
        await BomApi.TokenAsync(await BomApi.PostAsync(client, BomApi.Npm("right-pad"), "waiting"));
    }

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?>
    {
        ["Depwatch:MaxRequestBytes"] = MaxRequestBytes.ToString(CultureInfo.InvariantCulture),
        ["Depwatch:BomMemoryBytes"] = (3 * MaxRequestBytes).ToString(CultureInfo.InvariantCulture),
        ["Depwatch:UploadWait"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class UploadMemoryBudgetOnSqlite() : UploadMemoryBudgetTests(StorageKind.Sqlite);

public sealed class UploadMemoryBudgetOnPostgres() : UploadMemoryBudgetTests(StorageKind.Postgres);
