using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Data;

public static partial class StorageExtensions
{
    /// <summary>Registers the database chosen by <see cref="StorageOptions"/>.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddDbContextFactory<DepwatchDbContext, DepwatchDbContextFactory>((provider, builder) =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            // A failed command is an exception its caller handles (a lost race for a unique key is retried) or
            // reports itself; logged as an error here too, every expected race would read as a fault.
            builder.ConfigureWarnings(warnings => warnings.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
            if (storage.Provider == StorageProviders.Postgres)
            {
                builder.UseNpgsql(storage.ConnectionString);
                return;
            }
            var dataDirectory = provider.GetRequiredService<DataDirectory>();
            var connectionString = string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? $"Data Source={dataDirectory.PathOf("depwatch.db")}"
                : storage.ConnectionString;
            SqliteFiles.MakeOwnerOnly(connectionString);
            builder.UseSqlite(connectionString);
        });
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }

    /// <summary>Upgrades the database's schema and returns: <c>depwatch-server migrate</c>.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        LogSchemaUpToDate(app.Logger);
    }

    [LoggerMessage(EventId = 803, Level = LogLevel.Information, Message = "The database schema is up to date.")]
    private static partial void LogSchemaUpToDate(ILogger logger);
}
