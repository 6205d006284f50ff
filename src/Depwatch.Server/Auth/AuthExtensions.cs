using Microsoft.AspNetCore.Authentication;

namespace Depwatch.Server.Auth;

public static class AuthExtensions
{
    /// <summary>API-key authentication, one policy per permission, and authentication required by default.</summary>
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        services.AddHostedService<AdministratorBootstrap>();
        return services;
    }

    private static void AddPermissionPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            builder.AddPolicy(permission, policy => policy.RequireClaim(Permissions.ClaimType, permission));
        }
    }
}
