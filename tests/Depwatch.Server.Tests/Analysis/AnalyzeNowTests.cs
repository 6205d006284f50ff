using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests.Analysis;

/// <summary><c>POST /api/v1/finding/project/{uuid}/analyze</c> while an analysis of the project is already waiting.</summary>
public abstract class AnalyzeNowTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task Repeated_requests_queue_one_analysis_and_all_get_its_token()
    {
        var project = await CreateProjectAsync();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => AnalyzeAsync(project)));
        var later = await AnalyzeAsync(project);

        Assert.Single(tokens.Append(later).Distinct());
        await using var db = JobDatabase.Open(_app);
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.ProjectId == project && j.Kind == JobKinds.AnalyzeProject));
    }

    [Fact]
    public async Task A_request_brings_a_waiting_retry_forward_to_now()
    {
        var project = await CreateProjectAsync();
        var token = await AnalyzeAsync(project);
        await using (var db = JobDatabase.Open(_app))
        {
            var inAnHour = DateTimeOffset.UtcNow.AddHours(1);
            await db.Jobs.Where(j => j.Token == token).ExecuteUpdateAsync(s => s.SetProperty(j => j.NotBefore, inAnHour).SetProperty(j => j.Attempts, 3));
        }

        Assert.Equal(token, await AnalyzeAsync(project));

        await using var check = JobDatabase.Open(_app);
        var job = await check.Jobs.SingleAsync(j => j.Token == token);
        Assert.True(job.NotBefore <= DateTimeOffset.UtcNow, $"still waits until {job.NotBefore:O}");
        Assert.Equal(3, job.Attempts);
    }

    [Fact]
    public async Task An_unknown_project_is_not_found_and_queues_nothing()
    {
        var response = await _client.PostAsync($"/api/v1/finding/project/{Guid.NewGuid()}/analyze", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = JobDatabase.Open(_app);
        Assert.False(await db.Jobs.AnyAsync());
    }

    private async Task<Guid> CreateProjectAsync()
    {
        var created = await _client.PutAsJsonAsync("/api/v1/project", new { name = "shop", version = "1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!.GetValue<Guid>();
    }

    private async Task<Guid> AnalyzeAsync(Guid project)
    {
        var response = await _client.PostAsync($"/api/v1/finding/project/{project}/analyze", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<Guid>();
    }

    // No workers: queued analyses stay queued.
    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?> { ["Depwatch:Analysis:RunJobs"] = "false" });
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class AnalyzeNowOnSqlite() : AnalyzeNowTests(StorageKind.Sqlite);

public sealed class AnalyzeNowOnPostgres() : AnalyzeNowTests(StorageKind.Postgres);
