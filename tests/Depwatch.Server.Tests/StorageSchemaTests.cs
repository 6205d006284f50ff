using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests;

/// <summary>A database whose schema an earlier version created is refused at start-up, saying so, not at a later request.</summary>
public abstract class StorageSchemaTests(StorageKind storage)
{
    [Fact]
    public async Task A_database_missing_a_table_this_version_needs_stops_the_server_with_the_reason()
    {
        await using var shared = await SharedStorage.CreateAsync(storage);
        await using (var first = await shared.StartInstanceAsync())
        {
            await using var db = JobDatabase.Open(first);
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"ProjectTags\"");
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => shared.StartInstanceAsync());

        var messages = string.Join(" | ", Messages(refused));
        Assert.Contains("created by an earlier version of Depwatch: its table ProjectTags is missing or lacks columns", messages);
        Assert.Contains("point Depwatch:Storage at a new database", messages);
    }

    private static IEnumerable<string> Messages(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }
}

public sealed class StorageSchemaOnSqlite() : StorageSchemaTests(StorageKind.Sqlite);

public sealed class StorageSchemaOnPostgres() : StorageSchemaTests(StorageKind.Postgres);
