using System.Text.Json.Serialization;

namespace Depwatch.Server.Endpoints;

internal static class ApiConventions
{
    /// <summary>
    /// Problem details for errors, Dependency-Track's JSON style (camelCase, nulls left out, bodies read tolerantly), an OpenAPI document that
    /// names the API key each operation needs.
    /// </summary>
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.Tolerant();
        });
        services.AddOpenApi(options => options.AddApiKeySecurity());
        return services;
    }

    public static void UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}
