namespace Depwatch.Server.ManagedTrivy;

public static class ManagedTrivyExtensions
{
    /// <summary>Trivy run and supervised by Depwatch (<see cref="ManagedTrivyOptions"/>), which the Trivy configuration then points at.</summary>
    public static IServiceCollection AddManagedTrivy(this IServiceCollection services)
    {
        services.AddOptions<ManagedTrivyOptions>().BindConfiguration(ManagedTrivyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ManagedTrivyServer>();
        services.AddHostedService(provider => provider.GetRequiredService<ManagedTrivyServer>());
        return services;
    }
}
