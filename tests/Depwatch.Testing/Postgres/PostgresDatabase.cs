using Npgsql;

namespace Depwatch.Testing.Postgres;

/// <summary>
/// A fresh, empty database on the PostgreSQL cluster the test command starts (<c>DEPWATCH_TEST_POSTGRES</c>),
/// dropped again on dispose, so tests never see each other's data.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "DEPWATCH_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: run the tests with ./scripts/test.sh, which starts a PostgreSQL cluster, " +
                "or point it at one (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");
        }
        var database = new PostgresDatabase(admin, $"depwatch_test_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
