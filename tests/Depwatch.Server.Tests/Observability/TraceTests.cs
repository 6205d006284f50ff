using System.Collections.Concurrent;
using System.Diagnostics;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Telemetry;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Observability;

/// <summary>
/// One trace from an upload to its findings: the request, the ingest job it queues, the analysis job the ingest
/// queues, the analysis's phases and its requests to a real Trivy; exported over OTLP to a collector's endpoint.
/// </summary>
[Collection(TrivyCollection.Name)]
public sealed class TraceTests : IDisposable
{
    private static readonly string[] s_sources = ["Depwatch", "Microsoft.AspNetCore", "System.Net.Http"];

    private readonly TrivyServerFixture _trivy;
    private readonly ConcurrentQueue<Activity> _finished = new();
    private readonly ActivityListener _listener;

    public TraceTests(TrivyServerFixture trivy)
    {
        _trivy = trivy;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => s_sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _finished.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task An_uploads_trace_goes_on_through_its_jobs_to_Trivy_and_reaches_the_collector()
    {
        await using var collector = await OtlpTraceReceiver.StartAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var settings = new Dictionary<string, string?>
        {
            ["Depwatch:Telemetry:OtlpEndpoint"] = collector.TracesUrl.ToString(),
            ["Depwatch:Telemetry:OtlpProtocol"] = "http/protobuf",
        };
        await using (var app = await AnalysisHost.StartAsync(StorageKind.Sqlite, _trivy.Server, settings))
        {
            var http = app.CreateClient();
            http.DefaultRequestHeaders.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            await new PortfolioClient(http).UploadAndWaitAsync("traced", "1", TestBoms.Npm(("lodash", "4.17.4")));
        }

        var spans = _finished.Where(a => a.TraceId == traceId).ToList();
        var names = spans.Select(a => a.DisplayName).ToHashSet();
        Assert.Contains("job INGEST_BOM", names);
        Assert.Contains("job ANALYZE_PROJECT", names);
        Assert.Contains("analysis trivy", names);
        Assert.Contains("analysis store", names);
        var trivyRequests = spans.Where(a => a.Source.Name == "System.Net.Http" && Equals(a.GetTagItem("server.port")?.ToString(), _trivy.Server.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEmpty(trivyRequests);
        var analysis = spans.Single(a => a.DisplayName == "job ANALYZE_PROJECT");
        var ingest = spans.Single(a => a.DisplayName == "job INGEST_BOM");
        Assert.Equal(ingest.SpanId, analysis.ParentSpanId);
        var traceBytes = new byte[16];
        traceId.CopyTo(traceBytes);
        Assert.True(collector.Received(traceBytes), $"The collector received {collector.Exports.Count} exports, none with the upload's trace.");
    }

    public void Dispose() => _listener.Dispose();
}
