using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Depwatch.Server.Data.Migrations;

/// <summary>The context on SQLite; its migrations are in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteDepwatchDbContext(DbContextOptions<DepwatchDbContext> options) : DepwatchDbContext(options);

/// <summary>The context on PostgreSQL; its migrations are in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresDepwatchDbContext(DbContextOptions<DepwatchDbContext> options) : DepwatchDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDepwatchDbContext>
{
    public SqliteDepwatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DepwatchDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a database.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDepwatchDbContext>
{
    public PostgresDepwatchDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DepwatchDbContext>().UseNpgsql("Host=localhost").Options);
}
