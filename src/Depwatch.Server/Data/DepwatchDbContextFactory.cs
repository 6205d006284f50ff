using Depwatch.Server.Data.Migrations;
using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Data;

/// <summary>Creates the context of the configured provider, so that EF finds that provider's migrations.</summary>
internal sealed class DepwatchDbContextFactory(DbContextOptions<DepwatchDbContext> options, IOptions<StorageOptions> storage)
    : IDbContextFactory<DepwatchDbContext>
{
    private readonly bool _postgres = storage.Value.Provider == StorageProviders.Postgres;

    public DepwatchDbContext CreateDbContext() =>
        _postgres ? new PostgresDepwatchDbContext(options) : new SqliteDepwatchDbContext(options);
}
