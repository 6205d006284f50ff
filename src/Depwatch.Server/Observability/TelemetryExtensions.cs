using Depwatch.Server.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Depwatch.Server.Observability;

/// <summary>
/// Metrics in Prometheus's format at <c>/metrics</c> and traces over OTLP, each off unless configured
/// (<see cref="TelemetryOptions"/>). Besides Depwatch's own, the measurements of ASP.NET Core (HTTP server), Kestrel,
/// HttpClient (Trivy's and every other outbound request, by server and status), Npgsql (the connection pool) and the
/// .NET runtime are served.
/// </summary>
internal static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    private static readonly string[] s_meters =
        [DepwatchTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "Npgsql", "System.Runtime"];

    private static readonly string[] s_traceSources = [DepwatchTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http", "Npgsql"];

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DepwatchTelemetry>();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("depwatch", serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()));
        if (options.MetricsEnabled)
        {
            telemetry.WithMetrics(metrics => metrics.AddMeter(s_meters).AddPrometheusExporter());
        }
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(s_traceSources).AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = endpoint;
                otlp.Protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            }));
        }
    }

    /// <summary>Serves <c>/metrics</c> when metrics are on, to a scraper that gives the configured Basic credentials.</summary>
    public static void MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (!options.MetricsEnabled)
        {
            return;
        }
        app.UseWhen(context => context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(next => new MetricsAuthentication(next, options).InvokeAsync));
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
    }
}
