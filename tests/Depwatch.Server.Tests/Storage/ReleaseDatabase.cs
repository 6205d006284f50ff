using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Postgres;
using Depwatch.Testing.TrivyServer;
using Npgsql;

namespace Depwatch.Server.Tests.Storage;

/// <summary>
/// A copy of a database that a released Depwatch wrote (testdata/upgrade, made by make-fixture.sh): its data folder
/// (secret key, and the SQLite file) and, on PostgreSQL, a database restored from the release's dump. Also what the
/// release answered for it, under <c>expected/</c>.
/// </summary>
public sealed class ReleaseDatabase : IAsyncDisposable
{
    /// <summary>The last release that created its schema without migrations.</summary>
    public const string LastReleaseBeforeMigrations = "release-2026-12";

    public const string AdminKey = "dwk_UpgradeFixture_0123456789abcdefghijKLMNOP";
    public const string AdminPassword = "fixture-admin-password";
    public const string TrivyToken = "fixture-trivy-token";

    private readonly TemporaryDirectory _dataDirectory = new("depwatch-upgrade-");

    private ReleaseDatabase(StorageKind storage, string fixture, PostgresDatabase? postgres)
    {
        Storage = storage;
        Fixture = fixture;
        Postgres = postgres;
    }

    public StorageKind Storage { get; }

    /// <summary>The fixture's folder under testdata/upgrade.</summary>
    public string Fixture { get; }

    public PostgresDatabase? Postgres { get; }

    public string DataDirectory => _dataDirectory.Path;

    /// <summary>The SQLite file or the PostgreSQL connection string.</summary>
    public string ConnectionString => Postgres?.ConnectionString ?? $"Data Source={Path.Combine(DataDirectory, "depwatch.db")}";

    public static async Task<ReleaseDatabase> RestoreAsync(StorageKind storage, string release = LastReleaseBeforeMigrations)
    {
        var fixture = RepositoryRoot.PathOf("testdata", "upgrade", $"{release}-{(storage == StorageKind.Postgres ? "postgres" : "sqlite")}");
        var postgres = storage == StorageKind.Postgres ? await PostgresDatabase.CreateAsync() : null;
        var database = new ReleaseDatabase(storage, fixture, postgres);
        File.Copy(Path.Combine(fixture, "secret.key"), Path.Combine(database.DataDirectory, "secret.key"));
        if (postgres is null)
        {
            File.Copy(Path.Combine(fixture, "depwatch.db"), Path.Combine(database.DataDirectory, "depwatch.db"));
        }
        else
        {
            await database.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(fixture, "postgres.sql")));
        }
        return database;
    }

    /// <summary>Starts the current server on this database, as an operator upgrading would.</summary>
    public Task<DepwatchApplication> StartServerAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Depwatch:DataDirectory"] = DataDirectory,
            ["Depwatch:Storage:ConnectionString"] = ConnectionString,
            // Nothing changes the data behind the test's back: no re-analysis of the portfolio.
            ["Depwatch:Analysis:PortfolioCadence"] = "30.00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return DepwatchApplication.StartAsync(Storage, all, ConnectionString);
    }

    public JsonNode Expected(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Fixture, "expected", file)))!;

    public string ExpectedText(string file) => File.ReadAllText(Path.Combine(Fixture, "expected", file)).Trim();

    /// <summary>Runs SQL on the database directly, e.g. to damage it.</summary>
    public async Task ExecuteAsync(string sql)
    {
        if (Postgres is null)
        {
            await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString + ";Pooling=False");
            await sqlite.OpenAsync();
            await using var sqliteCommand = sqlite.CreateCommand();
            sqliteCommand.CommandText = sql;
            await sqliteCommand.ExecuteNonQueryAsync();
            return;
        }
        // Unpooled: the dump changes the session's search path.
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<bool> TableExistsAsync(string table)
    {
        if (Postgres is null)
        {
            await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString + ";Pooling=False");
            await sqlite.OpenAsync();
            await using var sqliteCommand = sqlite.CreateCommand();
            sqliteCommand.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
            sqliteCommand.Parameters.AddWithValue("$name", table);
            return (long)(await sqliteCommand.ExecuteScalarAsync())! > 0;
        }
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass(quote_ident(@name)) IS NOT NULL", connection);
        command.Parameters.AddWithValue("name", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
        _dataDirectory.Dispose();
    }
}
