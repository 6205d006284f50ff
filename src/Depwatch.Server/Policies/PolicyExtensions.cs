using Depwatch.Server.Jobs;

namespace Depwatch.Server.Policies;

public static class PolicyExtensions
{
    /// <summary>Policies and their storage, the project evaluation run after each analysis, and the <c>EVALUATE_POLICIES</c> job handler.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<ViolationStore>();
        services.AddSingleton<ProjectPolicyEvaluation>();
        services.AddSingleton<IJobHandler, EvaluatePoliciesHandler>();
        return services;
    }
}
