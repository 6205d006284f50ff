using Depwatch.Server.Jobs;

namespace Depwatch.Server.Analysis;

public static class AnalysisExtensions
{
    /// <summary>
    /// The <c>ANALYZE_PROJECT</c> job handler and its requests, the shared Trivy analyzer, metrics and their history, the
    /// vulnerability catalogue, and the portfolio schedule.
    /// </summary>
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddSingleton<TrivyAnalyzerProvider>();
        services.AddSingleton<FindingReconciler>();
        services.AddSingleton<MetricsCalculator>();
        services.AddSingleton<MetricsHistory>();
        services.AddHostedService<MetricsHistoryRecorder>();
        services.AddSingleton<VulnerabilityCatalogue>();
        services.AddSingleton<PortfolioSearch>();
        services.AddHostedService<PortfolioGauges>();
        services.AddSingleton<Endpoints.Models.FindingsCache>();
        services.AddSingleton<IJobHandler, AnalyzeProjectHandler>();
        services.AddSingleton<AnalysisRequests>();
        services.AddSingleton<PortfolioAnalysisScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<PortfolioAnalysisScheduler>());
        return services;
    }
}
