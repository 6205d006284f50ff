using Depwatch.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Depwatch.Server.Endpoints;

/// <summary>
/// The <c>X-Api-Key</c> header in the OpenAPI document: a security scheme, required by every operation that is not
/// anonymous. Without a permission of its own an endpoint still needs a key, as the fallback policy demands one.
/// </summary>
internal static class ApiKeySecurityScheme
{
    public const string SchemeName = "ApiKey";

    public static void AddApiKeySecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "A team's API key. An operation also needs the key's team to hold the permission it requires, "
                    + "by Dependency-Track's permission names; a refusal (401 or 403) says what is missing.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            return Task.CompletedTask;
        });
    }
}
