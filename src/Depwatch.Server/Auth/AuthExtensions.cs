using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Depwatch.Server.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// API-key authentication, one policy per permission, authentication required by default, and refusals that say why.
    /// </summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessProblemResultHandler>();
        services.AddSingleton<ApiKeyFailureLog>();
        services.AddHostedService<AdministratorBootstrap>();
        return services;
    }

    private static void AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            builder.AddPolicy(permission, policy => policy.RequireClaim(Permissions.ClaimType, permission));
        }
    }
}
