using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Postgres;
using Depwatch.Testing.TrivyServer;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Jobs;

/// <summary>
/// One database outliving the server instances that use it, so a test can stop an instance and start another on
/// the same data, or run two at once: a PostgreSQL database, or for SQLite a data directory holding the file.
/// </summary>
public sealed class SharedStorage : IAsyncDisposable
{
    private readonly PostgresDatabase? _database;
    private readonly TemporaryDirectory _dataDirectory = new("depwatch-shared-");

    private SharedStorage(StorageKind storage, PostgresDatabase? database)
    {
        Storage = storage;
        _database = database;
    }

    public StorageKind Storage { get; }

    public static async Task<SharedStorage> CreateAsync(StorageKind storage) =>
        new(storage, storage == StorageKind.Postgres ? await PostgresDatabase.CreateAsync() : null);

    public Task<DepwatchApplication> StartInstanceAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Depwatch:DataDirectory"] = _dataDirectory.Path,
            ["Depwatch:PackageIndexMirrors:Enabled"] = "false",
        };
        return DepwatchApplication.StartAsync(Storage, all, _database?.ConnectionString, services);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _dataDirectory.Dispose();
    }
}
