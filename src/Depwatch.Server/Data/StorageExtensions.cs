using Depwatch.Server.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Data;

public static class StorageExtensions
{
    /// <summary>Registers the database chosen by <see cref="StorageOptions"/>.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddDbContextFactory<DepwatchDbContext>((provider, builder) =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (storage.Provider == StorageProviders.Postgres)
            {
                builder.UseNpgsql(storage.ConnectionString);
                return;
            }
            var dataDirectory = provider.GetRequiredService<DataDirectory>();
            builder.UseSqlite(string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? $"Data Source={dataDirectory.PathOf("depwatch.db")}"
                : storage.ConnectionString);
        });
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
