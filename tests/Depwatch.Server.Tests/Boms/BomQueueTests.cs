using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Sboms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Depwatch.Server.Tests.Boms;

/// <summary>Acknowledged uploads survive restarts, concurrent uploads do not duplicate anything, large BOMs ingest quickly.</summary>
public abstract class BomQueueTests(StorageKind storage, ITestOutputHelper output)
{
    [Fact]
    public async Task Uploads_acknowledged_before_a_restart_are_processed_by_the_next_instance_in_upload_order()
    {
        await using var shared = await SharedStorage.CreateAsync(storage);
        var tokens = new List<Guid>();
        await using (var first = await shared.StartInstanceAsync(new Dictionary<string, string?> { ["Depwatch:Analysis:RunJobs"] = "false" }))
        {
            var client = first.CreateClient();
            tokens.Add(await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("a", "b"), "restarted")));
            tokens.Add(await BomApi.TokenAsync(await BomApi.PostAsync(client, BomApi.Npm("b", "c"), "restarted")));
            tokens.Add(await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("x"), "other")));
            await Task.Delay(300);
            foreach (var token in tokens)
            {
                Assert.True(await BomApi.IsProcessingAsync(client, token));
            }
        }

        await using var second = await shared.StartInstanceAsync();
        var secondClient = second.CreateClient();
        foreach (var token in tokens)
        {
            await BomApi.WaitUntilProcessedAsync(secondClient, token);
        }

        var restarted = (await BomApi.ProjectAsync(second, "restarted"))!;
        Assert.Equal(["pkg:npm/b@1.0.0", "pkg:npm/c@1.0.0"], (await BomApi.ComponentsAsync(second, restarted.Id)).Select(c => c.Identity));
        var other = (await BomApi.ProjectAsync(second, "other"))!;
        Assert.Equal(["pkg:npm/x@1.0.0"], (await BomApi.ComponentsAsync(second, other.Id)).Select(c => c.Identity));
        Assert.All(await JobDatabase.JobsAsync(second), job => Assert.Equal(JobStates.Succeeded, job.State));
    }

    [Fact]
    public async Task Concurrent_auto_creating_uploads_make_one_project_without_duplicate_components()
    {
        var errors = new LogRecorder(LogLevel.Error);
        await using var app = await DepwatchApplication.StartAsync(storage, services: s => s.AddSingleton<ILoggerProvider>(errors));
        var client = app.CreateClient();
        var boms = Enumerable.Range(0, 8).Select(n => BomApi.Npm("shared-1", "shared-2", $"only-in-{n}")).ToArray();

        var tokens = await Task.WhenAll(boms.Select(async (bom, n) =>
            await BomApi.TokenAsync(n % 2 == 0 ? await BomApi.PutAsync(client, bom, "raced") : await BomApi.PostAsync(client, bom, "raced"))));
        foreach (var token in tokens)
        {
            await BomApi.WaitUntilProcessedAsync(client, token);
        }

        await using var db = JobDatabase.Open(app);
        var project = await db.Projects.SingleAsync(p => p.Name == "raced");
        var identities = await db.Components.Where(c => c.ProjectId == project.Id).Select(c => c.Identity).ToListAsync();
        Assert.Equal(3, identities.Count);
        Assert.Contains(boms.Select(bom => Identities(bom)), uploaded => uploaded.SequenceEqual(identities.Order()));
        Assert.Equal(16, await db.Jobs.CountAsync(j => j.ProjectId == project.Id && j.State == JobStates.Succeeded));
        // Losing the race for the new project's name is expected and retried, not a fault to log.
        Assert.Empty(errors.Entries);
    }

    [Fact]
    public async Task An_upload_is_picked_up_at_once_not_at_the_workers_next_poll()
    {
        await using var app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?>
        {
            ["Depwatch:Analysis:PollInterval"] = "00:05:00",
        });
        var client = app.CreateClient();
        // A first upload proves the workers run; once it is done, each has found the queue empty and waits five minutes.
        await BomApi.WaitUntilProcessedAsync(client, await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("first"), "earlier")));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var token = await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("a"), "prompt"));

        await JobDatabase.WaitUntilAsync(async () => !await BomApi.IsProcessingAsync(client, token),
            "the upload is ingested and analysed long before the next poll", TimeSpan.FromSeconds(30));
        var project = (await BomApi.ProjectAsync(app, "prompt"))!;
        Assert.Equal(["pkg:npm/a@1.0.0"], (await BomApi.ComponentsAsync(app, project.Id)).Select(c => c.Identity));
    }

    [Fact]
    public async Task A_bom_of_ten_thousand_components_is_ingested_in_seconds_and_again_without_changes()
    {
        await using var app = await DepwatchApplication.StartAsync(storage);
        var client = app.CreateClient();
        var path = BomBuilder.LargeBom(10_000);
        string bom;
        try
        {
            bom = await File.ReadAllTextAsync(path);
        }
        finally
        {
            File.Delete(path);
        }

        var firstIngest = await IngestAsync(app, client, bom);
        var project = (await BomApi.ProjectAsync(app, "large"))!;
        var before = (await BomApi.ComponentsAsync(app, project.Id)).Select(c => c.Id).ToHashSet();
        var secondIngest = await IngestAsync(app, client, bom);
        var after = (await BomApi.ComponentsAsync(app, project.Id)).Select(c => c.Id).ToHashSet();

        output.WriteLine($"{storage}: first ingest {firstIngest.TotalMilliseconds:F0} ms, unchanged re-ingest {secondIngest.TotalMilliseconds:F0} ms");
        Assert.Equal(10_000, before.Count);
        Assert.Equal(before, after);
        Assert.True(firstIngest < TimeSpan.FromSeconds(20), $"the first ingest took {firstIngest}");
    }

    /// <summary>Uploads and waits for the ingestion job; returns how long it ran.</summary>
    private static async Task<TimeSpan> IngestAsync(DepwatchApplication app, HttpClient client, string bom)
    {
        var token = await BomApi.TokenAsync(await BomApi.PostAsync(client, bom, "large"));
        await BomApi.WaitUntilProcessedAsync(client, token);
        await using var db = JobDatabase.Open(app);
        var ingest = await db.Jobs.SingleAsync(j => j.Token == token && j.Kind == JobKinds.IngestBom);
        return ingest.Finished!.Value - ingest.Created;
    }


    private static IEnumerable<string> Identities(string bom) =>
        System.Text.Json.Nodes.JsonNode.Parse(bom)!["components"]!.AsArray().Select(c => c!["purl"]!.GetValue<string>()).Order();
}

public sealed class BomQueueOnSqlite(ITestOutputHelper output) : BomQueueTests(StorageKind.Sqlite, output);

public sealed class BomQueueOnPostgres(ITestOutputHelper output) : BomQueueTests(StorageKind.Postgres, output);
