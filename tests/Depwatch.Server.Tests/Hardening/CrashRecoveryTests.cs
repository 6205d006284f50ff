using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Depwatch.Server.Tests.Hardening;

/// <summary>
/// The real server process, at its default job settings, killed with SIGKILL while clients upload and its workers
/// ingest and analyse: once it is started again, every upload it acknowledged is ingested and analysed within a minute
/// (asserted with room for a loaded machine; the figure is recorded in docs/benchmarks.md).
/// </summary>
public abstract class CrashRecoveryTests(StorageKind storage, TrivyServerFixture trivy, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminKey = "dwk_Crash001_0123456789abcdefghijABCDEFGHIJKL";
    private const int Clients = 8;
    private const int UploadsPerClient = 6;
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(120);

    private ServerProcessStorage _storage = null!;

    [Fact]
    public async Task Every_acknowledged_upload_is_processed_soon_after_a_kill_and_a_restart()
    {
        var acknowledged = new ConcurrentBag<Guid>();
        var server = await StartAsync();
        Stopwatch restarted;
        await using (server)
        {
            using var http = Client(server);
            using var stop = new CancellationTokenSource();
            var uploading = Task.WhenAll(Enumerable.Range(1, Clients).Select(client => UploadAsync(http, client, acknowledged, stop.Token)));
            await WaitUntilJobsRunAsync(acknowledged);
            await server.KillAsync();
            await stop.CancelAsync();
            await uploading;
            restarted = Stopwatch.StartNew();
        }
        var running = await JobsAsync(j => j.State == JobStates.Running);
        Assert.NotEmpty(running);

        await using var again = await StartAsync();
        using var client = Client(again);
        foreach (var token in acknowledged)
        {
            while ((await client.GetFromJsonAsync<JsonObject>($"api/v1/event/token/{token}"))!["processing"]!.GetValue<bool>())
            {
                Assert.True(restarted.Elapsed < s_bound, $"upload {token} still processing {restarted.Elapsed} after the restart:\n{again.Output}");
                await Task.Delay(100);
            }
        }
        var recovery = restarted.Elapsed;

        output.WriteLine($"{storage}: {acknowledged.Count} uploads acknowledged, {running.Count} jobs running at the kill; "
            + $"every acknowledged upload processed {recovery.TotalSeconds:F1} s after the restart began");
        var tokens = acknowledged.ToList();
        var jobs = await JobsAsync(j => tokens.Contains(j.Token));
        Assert.Equal(acknowledged.Order(), jobs.Where(j => j.Kind == JobKinds.IngestBom).Select(j => j.Token).Order());
        Assert.All(jobs, job => Assert.Equal(JobStates.Succeeded, job.State));
        Assert.Equal(acknowledged.Count, jobs.Count(j => j.Kind == JobKinds.AnalyzeProject));
    }

    /// <summary>One client uploading to its own project until stopped or the server is gone; acknowledged tokens are collected.</summary>
    private static async Task UploadAsync(HttpClient http, int client, ConcurrentBag<Guid> acknowledged, CancellationToken stop)
    {
        for (var upload = 1; upload <= UploadsPerClient && !stop.IsCancellationRequested; upload++)
        {
            var bom = new BomBuilder("1.6");
            for (var index = 0; index < 2_000; index++)
            {
                bom.WithComponent($"package-{client}-{index}", $"{upload}.0.{index % 10}", purl: $"pkg:npm/package-{client}-{index}@{upload}.0.{index % 10}");
            }
            bom.WithComponent("lodash", "4.17.4", purl: "pkg:npm/lodash@4.17.4");
            try
            {
                var response = await BomApi.PostAsync(http, bom.ToJson(), $"crash-{client}");
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add(await BomApi.TokenAsync(response));
                }
            }
            catch (HttpRequestException)
            {
                // The server was killed under this upload: it was never acknowledged.
                return;
            }
        }
    }

    /// <summary>Waits until a third of the uploads are acknowledged and a worker holds a job's lease: the moment to kill.</summary>
    private async Task WaitUntilJobsRunAsync(ConcurrentBag<Guid> acknowledged)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (acknowledged.Count < Clients * UploadsPerClient / 3 || (await JobsAsync(j => j.State == JobStates.Running)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no job was running while the uploads went on");
            await Task.Delay(20);
        }
    }

    private async Task<List<JobEntity>> JobsAsync(System.Linq.Expressions.Expression<Func<JobEntity, bool>> which)
    {
        var options = new DbContextOptionsBuilder<DepwatchDbContext>();
        _ = storage == StorageKind.Postgres ? options.UseNpgsql(_storage.ConnectionString) : options.UseSqlite(_storage.ConnectionString);
        await using var db = new DepwatchDbContext(options.Options);
        return await db.Jobs.AsNoTracking().Where(which).Select(j => new JobEntity { Kind = j.Kind, Token = j.Token, State = j.State }).ToListAsync();
    }

    private Task<DepwatchServerProcess> StartAsync() => _storage.StartAsync(AdminKey, trivy);

    private static HttpClient Client(DepwatchServerProcess server)
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return http;
    }

    public async Task InitializeAsync() => _storage = await ServerProcessStorage.CreateAsync(storage);

    public async Task DisposeAsync() => await _storage.DisposeAsync();
}

[Collection(TrivyCollection.Name)]
public sealed class CrashRecoveryOnSqlite(TrivyServerFixture trivy, ITestOutputHelper output) : CrashRecoveryTests(StorageKind.Sqlite, trivy, output);

[Collection(TrivyCollection.Name)]
public sealed class CrashRecoveryOnPostgres(TrivyServerFixture trivy, ITestOutputHelper output) : CrashRecoveryTests(StorageKind.Postgres, trivy, output);
