using System.Net;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Depwatch.Server.Tests.Storage;

/// <summary>Instances started together on one PostgreSQL database take turns to migrate it: none fails, nothing runs twice.</summary>
public sealed class ConcurrentMigrationOnPostgres
{
    private const int Instances = 4;

    [Fact]
    public async Task Instances_starting_at_once_on_a_release_database_upgrade_it_once()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(StorageKind.Postgres);

        var apps = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => Task.Run(() => release.StartServerAsync())));

        await AssertMigratedOnceAndServingAsync(apps, ReleaseDatabase.AdminKey);
    }

    [Fact]
    public async Task Instances_starting_at_once_on_an_empty_database_create_it_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        var apps = await Task.WhenAll(Enumerable.Range(0, Instances)
            .Select(_ => Task.Run(() => DepwatchApplication.StartAsync(StorageKind.Postgres, sharedConnectionString: database.ConnectionString))));

        await AssertMigratedOnceAndServingAsync(apps, DepwatchApplication.AdminKey);
    }

    private static async Task AssertMigratedOnceAndServingAsync(DepwatchApplication[] apps, string adminKey)
    {
        try
        {
            await using var db = JobDatabase.Open(apps[0]);
            Assert.Equal(db.GetService<IMigrationsAssembly>().Migrations.Keys, await db.Database.GetAppliedMigrationsAsync());
            foreach (var app in apps)
            {
                using var http = app.CreateClient(adminKey);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/project")).StatusCode);
            }
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
