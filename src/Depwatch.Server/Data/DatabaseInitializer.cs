using Depwatch.Server.Options;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Data;

/// <summary>
/// Upgrades the schema at start-up, before anything else touches the database; with
/// <see cref="StorageOptions.MigrateAtStartup"/> off, refuses to start on a database that needs upgrading.
/// </summary>
internal sealed class DatabaseInitializer(DatabaseMigrator migrator, IOptions<StorageOptions> storage) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.MigrateAtStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
            return;
        }
        var pending = await migrator.PendingMigrationsAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database's schema is older than this version of Depwatch (it lacks {string.Join(", ", pending)}) and "
                + "Depwatch:Storage:MigrateAtStartup is off: run `depwatch-server migrate` with the same settings, then start the server.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
