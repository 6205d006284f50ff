using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Data;

/// <summary>
/// Creates the schema at start-up, before anything else touches the database, and refuses to start on a database
/// whose schema an earlier Depwatch created without tables or columns this one needs.
/// </summary>
internal sealed class DatabaseInitializer(IDbContextFactory<DepwatchDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.EnsureCreatedAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Readers keep reading while a writer writes, and writers wait for each other instead of failing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await CheckSchemaAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // EnsureCreated leaves an existing database as it is, so one from an earlier version would otherwise fail on the
    // first request that reads a newer column, far from the cause.
    private static async Task CheckSchemaAsync(DepwatchDbContext db, CancellationToken cancellationToken)
    {
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = string.Join(", ", entity.GetProperties().Select(p => $"\"{p.GetColumnName()}\""));
            var probe = "SELECT " + columns + " FROM \"" + table + "\" WHERE 1 = 0";
            try
            {
                await db.Database.ExecuteSqlRawAsync(probe, cancellationToken);
            }
            catch (DbException e)
            {
                throw new InvalidOperationException(
                    $"The database was created by an earlier version of Depwatch: its table {table} is missing or lacks columns "
                    + $"this version needs ({e.Message}). Depwatch creates its schema only in an empty database and cannot "
                    + "upgrade one yet: point Depwatch:Storage at a new database (for SQLite, move depwatch.db out of the data "
                    + "folder) and upload the projects' SBOMs again.", e);
            }
        }
    }
}
