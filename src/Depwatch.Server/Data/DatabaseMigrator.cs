using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Depwatch.Server.Data;

/// <summary>
/// Brings a database's schema up to this version's with the provider's migrations, one instance at a time. A database
/// that the last release before migrations created (with <c>EnsureCreated</c>) is first checked against that
/// release's schema and recorded as being at the baseline migration, so it is upgraded in place.
/// </summary>
internal sealed partial class DatabaseMigrator(IDbContextFactory<DepwatchDbContext> contexts, ILogger<DatabaseMigrator> logger)
{
    // pg_advisory_lock's key: "Depwatch" in ASCII, unlikely to be another application's on the same database.
    private const long PostgresLockKey = 0x4465_7077_6174_6368;

    /// <summary>Applies every pending migration; instances starting together on one PostgreSQL database take turns.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await LockAsync(db, acquire: true, cancellationToken);
        try
        {
            await AdoptReleaseDatabaseAsync(db, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogUpgrading(logger, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await LockAsync(db, acquire: false, CancellationToken.None);
        }
        await UseWriteAheadLogAsync(db, cancellationToken);
    }

    /// <summary>The migrations this database lacks (the baseline too, for a database that predates migrations).</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            await UseWriteAheadLogAsync(db, cancellationToken);
        }
        return pending;
    }

    private static async Task LockAsync(DepwatchDbContext db, bool acquire, CancellationToken cancellationToken)
    {
        // SQLite has one writer at a time already, and EF serialises its own migrations there.
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        if (acquire)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresLockKey})", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresLockKey})", cancellationToken);
        }
    }

    private static async Task UseWriteAheadLogAsync(DepwatchDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // Readers keep reading while a writer writes, and writers wait for each other instead of failing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private async Task AdoptReleaseDatabaseAsync(DepwatchDbContext db, CancellationToken cancellationToken)
    {
        if ((await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }
        var migrations = db.GetService<IMigrationsAssembly>();
        var (baselineId, baselineType) = migrations.Migrations.First();
        var baselineModel = migrations.CreateMigration(baselineType, db.Database.ProviderName!).TargetModel!;
        var missing = await MissingTablesAsync(db, baselineModel, cancellationToken);
        if (missing.Count == baselineModel.GetEntityTypes().Count())
        {
            return; // An empty database: the migrations create everything.
        }
        if (missing.Count > 0)
        {
            throw SchemaMismatch($"it has some of Depwatch's tables but not {string.Join(", ", missing)}");
        }
        await CheckColumnsAsync(db, baselineModel, cancellationToken);
        var history = db.GetService<IHistoryRepository>();
        try
        {
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baselineId, ProductInfo.GetVersion())), cancellationToken);
        }
        catch (DbException)
        {
            if ((await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Contains(baselineId))
            {
                return; // Another instance on the same SQLite file recorded it first.
            }
            throw;
        }
        LogBaselineRecorded(logger, baselineId);
    }

    private static async Task<List<string>> MissingTablesAsync(DepwatchDbContext db, IModel model, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var table in model.GetEntityTypes().Select(e => e.GetTableName()!))
        {
            if (!await ProbeAsync(db, $"SELECT 1 FROM \"{table}\" WHERE 1 = 0", cancellationToken))
            {
                missing.Add(table);
            }
        }
        return missing;
    }

    private static async Task CheckColumnsAsync(DepwatchDbContext db, IModel model, CancellationToken cancellationToken)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = string.Join(", ", entity.GetProperties().Select(p => $"\"{p.GetColumnName()}\""));
            if (!await ProbeAsync(db, $"SELECT {columns} FROM \"{table}\" WHERE 1 = 0", cancellationToken))
            {
                throw SchemaMismatch($"its table {table} lacks columns of the first release with schema migrations ({columns})");
            }
        }
    }

    private static async Task<bool> ProbeAsync(DepwatchDbContext db, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    private static InvalidOperationException SchemaMismatch(string what) => new(
        $"The database cannot be upgraded: {what}. It was made by a Depwatch older than the first release with schema "
        + "migrations, or by another program. Point Depwatch:Storage at a new database (for SQLite, move depwatch.db out "
        + "of the data folder) and upload the projects' SBOMs again.");

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Upgrading the database schema: {Migrations}")]
    private static partial void LogUpgrading(ILogger logger, string migrations);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information,
        Message = "The database was created before schema migrations; recorded it as being at {Baseline}")]
    private static partial void LogBaselineRecorded(ILogger logger, string baseline);
}
