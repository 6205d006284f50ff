using Depwatch.Server.Data;
using Depwatch.Server.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests.Storage;

/// <summary>A change to the EF model without a migration for each provider would never reach users' databases.</summary>
public sealed class MigrationModelTests
{
    [Fact]
    public void The_SQLite_migrations_describe_the_current_model()
    {
        using var db = new SqliteDepwatchDbContext(new DbContextOptionsBuilder<DepwatchDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: run ./scripts/add-migration.sh NAME");
    }

    [Fact]
    public void The_PostgreSQL_migrations_describe_the_current_model()
    {
        using var db = new PostgresDepwatchDbContext(new DbContextOptionsBuilder<DepwatchDbContext>().UseNpgsql("Host=localhost").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed: run ./scripts/add-migration.sh NAME");
    }
}
