namespace Depwatch.Server.Jobs;

public static class JobsExtensions
{
    /// <summary>The durable job queue and the workers that run it; handlers register themselves as <see cref="IJobHandler"/>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<IJobQueue, JobQueue>();
        services.AddSingleton<JobStore>();
        services.AddHostedService<JobWorker>();
        return services;
    }
}
