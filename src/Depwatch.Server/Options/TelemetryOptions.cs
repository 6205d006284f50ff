using System.ComponentModel.DataAnnotations;

namespace Depwatch.Server.Options;

/// <summary>Metrics for Prometheus and traces over OTLP. Section <c>Depwatch:Telemetry</c>; both are off by default.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Depwatch:Telemetry";

    /// <summary>Serve <c>/metrics</c> in Prometheus's text format.</summary>
    public bool MetricsEnabled { get; set; }

    /// <summary>The user name a scraper gives with HTTP Basic authentication (Prometheus's <c>basic_auth</c>).</summary>
    [MaxLength(255)]
    public string MetricsUsername { get; set; } = "metrics";

    /// <summary>The password a scraper gives; required when metrics are on, unless <see cref="MetricsAllowAnonymous"/>.</summary>
    [MaxLength(1024)]
    public string? MetricsPassword { get; set; }

    /// <summary>Serve <c>/metrics</c> without a password, for a scraper on a network only it reaches.</summary>
    public bool MetricsAllowAnonymous { get; set; }

    /// <summary>How often the queue's and the portfolio's gauges are counted again from the database.</summary>
    public TimeSpan MetricsSampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where to send traces (an OTLP/gRPC or OTLP/HTTP collector); none sends no traces.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (port 4317 by convention) or <c>http/protobuf</c> (port 4318).</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "OtlpProtocol must be grpc or http/protobuf.")]
    public string OtlpProtocol { get; set; } = "grpc";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MetricsEnabled && !MetricsAllowAnonymous && string.IsNullOrEmpty(MetricsPassword))
        {
            yield return new ValidationResult(
                $"{Section}:MetricsEnabled needs {Section}:MetricsPassword (scrapers send it with HTTP Basic authentication), "
                + $"or {Section}:MetricsAllowAnonymous=true for a scraper on a network only it reaches.",
                [nameof(MetricsPassword)]);
        }
        if (MetricsSampleInterval < TimeSpan.FromSeconds(1) || MetricsSampleInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"{Section}:MetricsSampleInterval must be between 00:00:01 and 01:00:00.", [nameof(MetricsSampleInterval)]);
        }
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"{Section}:OtlpEndpoint must be an absolute http or https URL.", [nameof(OtlpEndpoint)]);
        }
    }
}
