using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.Postgres;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Support;

/// <summary>
/// A data folder and, for PostgreSQL, a database, for the server binary run as its own process (configured by
/// environment variables, as a container is) analysing with a real Trivy server; it outlives the processes started on
/// it, so a test can kill one and start another on the same data.
/// </summary>
public sealed class ServerProcessStorage : IAsyncDisposable
{
    private readonly TemporaryDirectory _workDirectory = new("depwatch-process-");
    private readonly StorageKind _storage;
    private readonly PostgresDatabase? _database;

    private ServerProcessStorage(StorageKind storage, PostgresDatabase? database) => (_storage, _database) = (storage, database);

    /// <summary>A scratch folder that goes with the storage, e.g. for files a test writes.</summary>
    public string WorkDirectory => _workDirectory.Path;

    public string DataDirectory => Path.Combine(_workDirectory.Path, "data");

    /// <summary>The database as an ADO.NET connection string: the SQLite file in the data folder, or the PostgreSQL database.</summary>
    public string ConnectionString => _database?.ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "depwatch.db")}";

    public static async Task<ServerProcessStorage> CreateAsync(StorageKind storage) =>
        new(storage, storage == StorageKind.Postgres ? await PostgresDatabase.CreateAsync() : null);

    /// <param name="settings">More environment variables, e.g. <c>Depwatch__Analysis__PollInterval</c>.</param>
    public Task<DepwatchServerProcess> StartAsync(string adminKey, TrivyServerFixture trivy, IDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Depwatch__DataDirectory"] = DataDirectory,
            ["Depwatch__PackageIndexMirrors__Enabled"] = "false",
            ["Depwatch__AdminApiKey"] = adminKey,
            ["Depwatch__Storage__Provider"] = _storage == StorageKind.Postgres ? "postgres" : "sqlite",
            ["Depwatch__Storage__ConnectionString"] = _database?.ConnectionString,
            ["Depwatch__Trivy__BaseUrl"] = trivy.BaseUrl.ToString(),
            ["Depwatch__Trivy__ApiToken"] = trivy.Token,
            ["Depwatch__Trivy__TokenHeader"] = trivy.TokenHeader,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }
        return DepwatchServerProcess.StartBuiltAsync(environment);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _workDirectory.Dispose();
    }
}
