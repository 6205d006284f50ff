namespace Depwatch.Server.PackageIndexes;

public static class PackageIndexExtensions
{
    /// <summary>
    /// The package indexes that name the source packages of bare OS packages: the store analyses read, its refresher
    /// (mirrors, configured sources, cache in the data folder), the re-analysis it triggers, and project page warnings.
    /// </summary>
    public static IServiceCollection AddPackageIndexes(this IServiceCollection services)
    {
        services.AddOptions<PackageIndexOptions>()
            .BindConfiguration(PackageIndexOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
                options.Sources = configuration.GetSection(PackageIndexOptions.SourcesSection).Get<List<string>>() ?? [])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PackageIndexStore>();
        services.AddSingleton<PackageIndexCache>();
        services.AddSingleton<PackageIndexDownloader>();
        services.AddSingleton<ReanalysisTrigger>();
        services.AddSingleton<ProjectSourceWarnings>();
        services.AddHostedService<PackageIndexRefresher>();
        return services;
    }
}
