using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Data;

/// <summary>Creates the schema at start-up, before anything else touches the database.</summary>
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
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
