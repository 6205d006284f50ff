namespace Depwatch.Server.Triage;

public static class TriageExtensions
{
    /// <summary>Decisions about findings and their audit trails, behind <c>/api/v1/analysis</c>.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services) =>
        services.AddSingleton<AnalysisStore>().AddSingleton<VexImporter>();
}
