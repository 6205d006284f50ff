using System.Text;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Ingest;
using Depwatch.Server.Jobs;
using Depwatch.Server.Tests.Boms;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>
/// An upload the database refuses to store fails for good after a bounded number of attempts, saying so on the
/// project, and the project's later uploads are ingested: a bad upload never holds up the ones after it.
/// </summary>
public abstract class FailedIngestTests(StorageKind storage)
{
    private const string Refused = "the poison component is refused";

    [Fact]
    public async Task An_upload_the_database_refuses_fails_after_max_attempts_and_the_next_upload_of_the_project_is_ingested()
    {
        await using var app = await DepwatchApplication.StartAsync(storage);
        await RefusePoisonComponentsAsync(app);
        var client = app.CreateClient();

        var refused = await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("poison"), "shop"));
        // Queued behind the refused one: it waits for it, in upload order, but only for its bounded attempts.
        var next = await BomApi.TokenAsync(await BomApi.PostAsync(client, BomApi.Npm("left-pad"), "shop"));
        await BomApi.WaitUntilProcessedAsync(client, next);

        var failed = await IngestJobAsync(app, refused);
        Assert.Equal(JobStates.Failed, failed.State);
        Assert.Equal(3, failed.Attempts);
        Assert.Contains(Refused, failed.LastError);
        Assert.Null(failed.Payload);
        Assert.False(await BomApi.IsProcessingAsync(client, refused));
        var project = (await BomApi.ProjectAsync(app, "shop"))!;
        Assert.Equal(["pkg:npm/left-pad@1.0.0"], (await BomApi.ComponentsAsync(app, project.Id)).Select(c => c.Identity));
        Assert.Equal(JobStates.Succeeded, (await IngestJobAsync(app, next)).State);
    }

    [Fact]
    public async Task The_project_says_why_its_upload_was_not_ingested_without_the_database_details()
    {
        await using var app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?> { ["Depwatch:Analysis:MaxAttempts"] = "2" });
        await RefusePoisonComponentsAsync(app);
        var client = app.CreateClient();
        await BomApi.WaitUntilProcessedAsync(client, await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("left-pad"), "shop")));

        var refused = await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("left-pad", "poison"), "shop"));
        await BomApi.WaitUntilProcessedAsync(client, refused);

        Assert.Equal(2, (await IngestJobAsync(app, refused)).Attempts);
        var project = (await BomApi.ProjectAsync(app, "shop"))!;
        Assert.Equal("FAILED", project.LastAnalysisState);
        Assert.Equal(IngestBomHandler.StoreFailedReason, project.LastAnalysisError);
        Assert.Equal(["pkg:npm/left-pad@1.0.0"], (await BomApi.ComponentsAsync(app, project.Id)).Select(c => c.Identity));
    }


    protected static async Task<JobEntity> IngestJobAsync(DepwatchApplication app, Guid token)
    {
        await using var db = JobDatabase.Open(app);
        return await db.Jobs.AsNoTracking().SingleAsync(j => j.Token == token && j.Kind == JobKinds.IngestBom);
    }

    /// <summary>A trigger refusing components named "poison", as a constraint refuses a row: a failure that never goes away.</summary>
    private async Task RefusePoisonComponentsAsync(DepwatchApplication app)
    {
        await using var db = JobDatabase.Open(app);
        if (storage == StorageKind.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync($"""
                CREATE TRIGGER refuse_poison BEFORE INSERT ON "Components" WHEN NEW."Name" = 'poison'
                BEGIN SELECT RAISE(ABORT, '{Refused}'); END;
                """);
            return;
        }
        await db.Database.ExecuteSqlRawAsync($$"""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW."Name" = 'poison' THEN RAISE EXCEPTION '{{Refused}}' USING ERRCODE = 'check_violation'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_poison BEFORE INSERT ON "Components" FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            """);
    }
}

public sealed class FailedIngestOnSqlite() : FailedIngestTests(StorageKind.Sqlite);

public sealed class FailedIngestOnPostgres() : FailedIngestTests(StorageKind.Postgres)
{
    /// <summary>
    /// Earlier versions accepted uploads PostgreSQL cannot store (a NUL character in a name); queued before an
    /// upgrade, such an upload fails for good instead of being retried forever ahead of the project's later uploads.
    /// </summary>
    [Fact]
    public async Task An_upload_queued_by_an_earlier_version_with_a_nul_character_fails_and_does_not_block_the_project()
    {
        await using var shared = await SharedStorage.CreateAsync(StorageKind.Postgres);
        Guid first, legacy = Guid.NewGuid(), next, projectId;
        await using (var earlier = await shared.StartInstanceAsync(new Dictionary<string, string?> { ["Depwatch:Analysis:RunJobs"] = "false" }))
        {
            var client = earlier.CreateClient();
            first = await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("left-pad"), "legacy"));
            projectId = (await BomApi.ProjectAsync(earlier, "legacy"))!.Id;
            await using (var db = JobDatabase.Open(earlier))
            {
                earlier.Services.GetRequiredService<IJobQueue>().Enqueue(db, JobKinds.IngestBom, projectId, legacy,
                    Encoding.UTF8.GetBytes("""{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"nul\u0000name"}]}"""));
                await db.SaveChangesAsync();
            }
            next = await BomApi.TokenAsync(await BomApi.PutAsync(client, BomApi.Npm("right-pad"), "legacy"));
        }

        await using var upgraded = await shared.StartInstanceAsync();
        await BomApi.WaitUntilProcessedAsync(upgraded.CreateClient(), next);

        Assert.Equal(JobStates.Succeeded, (await IngestJobAsync(upgraded, first)).State);
        var failed = await IngestJobAsync(upgraded, legacy);
        Assert.Equal(JobStates.Failed, failed.State);
        Assert.Contains("0x00", failed.LastError);
        Assert.Equal(["pkg:npm/right-pad@1.0.0"], (await BomApi.ComponentsAsync(upgraded, projectId)).Select(c => c.Identity));
    }
}
