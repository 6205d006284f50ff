using Depwatch.Server.Analysis;
using Depwatch.Server.Secrets;

namespace Depwatch.Server.Configuration;

public static class ConfigPropertyExtensions
{
    /// <summary>
    /// Config properties (seeded and overlaid with <c>Depwatch:Trivy</c> at start-up), the secrets key and
    /// <see cref="ITrivyConfiguration"/>. Register after the storage, whose schema the seeding needs.
    /// </summary>
    public static IServiceCollection AddConfigProperties(this IServiceCollection services)
    {
        services.AddOptions<TrivyStartupOptions>().BindConfiguration(TrivyStartupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<ConfigPropertySeeding>();
        services.AddSingleton<ConfigPropertyStore>();
        services.AddSingleton<ITrivyConfiguration, TrivyConfiguration>();
        services.AddHostedService<ConfigPropertySeeder>();
        return services;
    }
}
