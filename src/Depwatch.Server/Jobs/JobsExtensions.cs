namespace Depwatch.Server.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// The durable job queue, the workers that run it and the clean-up of old finished jobs; handlers register
    /// themselves as <see cref="IJobHandler"/>.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobSignal>();
        services.AddSingleton<IJobQueue, JobQueue>();
        services.AddSingleton<JobStore>();
        services.AddHostedService<JobWorker>();
        services.AddSingleton<FinishedJobCleanup>();
        services.AddHostedService(provider => provider.GetRequiredService<FinishedJobCleanup>());
        return services;
    }
}
