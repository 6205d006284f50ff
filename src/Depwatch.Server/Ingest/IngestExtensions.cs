using Depwatch.Server.Jobs;

namespace Depwatch.Server.Ingest;

public static class IngestExtensions
{
    /// <summary>BOM uploads (checked and queued) and their ingestion job.</summary>
    public static IServiceCollection AddBomIngest(this IServiceCollection services)
    {
        services.AddSingleton<BomMemoryBudget>();
        services.AddSingleton<BomUploads>();
        services.AddSingleton<IJobHandler, IngestBomHandler>();
        return services;
    }
}
