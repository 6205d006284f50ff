using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Notifications;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Notifications;
using Depwatch.Testing.TrivyServer;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Tests.Observability;

/// <summary>
/// <c>/metrics</c> in Prometheus's format, off unless configured and behind HTTP Basic credentials: the job queue, job
/// and analysis-phase durations, Trivy's requests by server, the portfolio's findings by severity, notification
/// deliveries, HTTP server and
/// (on PostgreSQL) connection-pool measurements, after a real upload analysed by a real Trivy.
/// </summary>
public abstract partial class MetricsEndpointTests(StorageKind storage, TrivyServerFixture trivy)
{
    private const string Password = "scrape-secret";

    private static readonly Dictionary<string, string?> s_metricsOn = new()
    {
        ["Depwatch:Telemetry:MetricsEnabled"] = "true",
        ["Depwatch:Telemetry:MetricsPassword"] = Password,
        ["Depwatch:Telemetry:MetricsSampleInterval"] = "00:00:01",
        ["Depwatch:Notifications:AllowPrivateAddresses"] = "true",
        ["Depwatch:Notifications:PollInterval"] = "00:00:00.100",
    };

    [Fact]
    public async Task Metrics_are_not_served_unless_configured()
    {
        await using var app = await AnalysisHost.StartAsync(storage, trivy.Server);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("depwatch_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scraper_needs_the_configured_user_and_password()
    {
        await using var app = await AnalysisHost.StartAsync(storage, trivy.Server, s_metricsOn);
        using var client = app.CreateClient(apiKey: null);

        using var none = await client.GetAsync("/metrics");
        using var wrong = await ScrapeAsync(client, "metrics", "guess");
        using var apiKeyOnly = await app.CreateClient().GetAsync("/metrics");
        using var right = await ScrapeAsync(client, "metrics", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Basic", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiKeyOnly.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.StartsWith("text/plain", right.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analysed_upload_shows_in_the_jobs_the_phases_Trivys_requests_and_the_findings()
    {
        await using var app = await AnalysisHost.StartAsync(storage, trivy.Server, s_metricsOn);
        await using var receiver = await WebhookReceiver.StartAsync();
        var portfolio = new PortfolioClient(app.CreateClient());
        await NotificationApi.CreateRuleAsync(portfolio.Http, NotificationApi.Webhook, receiver.BaseUrl.ToString(), ["BOM_PROCESSED"]);
        await portfolio.UploadAndWaitAsync("app", "1", TestBoms.Npm(("lodash", "4.17.4"), ("minimist", "1.2.5")));
        var metrics = await portfolio.GetJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/v1/metrics/portfolio/current");
        using var client = app.CreateClient(apiKey: null);

        // The gauges are counted every second; wait for a count taken after the analysis job was recorded.
        await receiver.WaitForAsync(_ => true, 1);
        var text = await ScrapeUntilAsync(client, t => Value(t, "depwatch_findings", "severity=\"HIGH\"") == (double)metrics["high"]!
            && Value(t, "depwatch_jobs", "kind=\"ANALYZE_PROJECT\"", "state=\"SUCCEEDED\"") == 1
            && Value(t, "depwatch_notification_deliveries_total", "outcome=\"delivered\"") >= 1);

        Assert.True(Value(text, "depwatch_job_duration_seconds_count", "kind=\"INGEST_BOM\"", "outcome=\"succeeded\"") >= 1, text);
        Assert.True(Value(text, "depwatch_job_duration_seconds_count", "kind=\"ANALYZE_PROJECT\"", "outcome=\"succeeded\"") >= 1, text);
        foreach (var phase in new[] { "load", "trivy", "store" })
        {
            Assert.True(Value(text, "depwatch_analysis_phase_duration_seconds_count", $"phase=\"{phase}\"") >= 1, $"phase {phase}:\n{text}");
        }
        Assert.Equal(0, Value(text, "depwatch_jobs", "state=\"QUEUED\"") + Value(text, "depwatch_jobs", "state=\"RUNNING\""));
        Assert.Equal((double)metrics["critical"]!, Value(text, "depwatch_findings", "severity=\"CRITICAL\""));
        Assert.True(Value(text, "http_client_request_duration_seconds_count", $"server_address=\"{trivy.Server.BaseUrl.Host}\"",
            $"server_port=\"{trivy.Server.BaseUrl.Port}\"", "http_response_status_code=\"200\"") >= 1, text);
        Assert.Matches(new Regex("^http_server_request_duration_seconds_count\\{", RegexOptions.Multiline), text);
        if (storage == StorageKind.Postgres)
        {
            Assert.Matches(new Regex("^db_client_connection", RegexOptions.Multiline), text);
        }
    }

    [Fact]
    public async Task Metrics_on_without_a_password_stop_the_start_naming_the_setting()
    {
        var settings = new Dictionary<string, string?> { ["Depwatch:Telemetry:MetricsEnabled"] = "true" };

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => DepwatchApplication.StartAsync(storage, settings));

        Assert.Contains("Depwatch:Telemetry:MetricsPassword", refused.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done)
    {
        var text = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            using var response = await ScrapeAsync(client, "metrics", Password);
            text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && done(text))
            {
                return text;
            }
        }
        Assert.Fail($"The metrics did not reach the expected values in 30 s:\n{text}");
        return text;
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one given; 0 when none.</summary>
    private static double Value(string text, string name, params string[] labels) =>
        SampleLine().Matches(text)
            .Where(m => m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}

[Collection(TrivyCollection.Name)]
public sealed class MetricsEndpointOnSqlite(TrivyServerFixture trivy) : MetricsEndpointTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class MetricsEndpointOnPostgres(TrivyServerFixture trivy) : MetricsEndpointTests(StorageKind.Postgres, trivy);
