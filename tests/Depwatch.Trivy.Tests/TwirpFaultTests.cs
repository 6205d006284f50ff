using Depwatch.Core.Analysis;
using Depwatch.Testing;
using Depwatch.Testing.FakeTwirp;
using Depwatch.Trivy.Rpc;
using Google.Protobuf;

namespace Depwatch.Trivy.Tests;

/// <summary>How the analyzer behaves when the server misbehaves, against a scripted Twirp server.</summary>
public sealed class TwirpFaultTests
{
    private static readonly AnalysisRequest s_lodash = new([TestComponents.FromPurl("c1", "pkg:npm/lodash@4.17.4")]);

    [Fact]
    public async Task Sends_PutBlob_Scan_DeleteBlobs_as_protobuf_with_the_token()
    {
        await using var server = await FakeTwirpServer.StartAsync(Answer.Healthy());

        await Analyze(server, token: "s3cret").AnalyzeAsync(s_lodash);

        Assert.Equal(["Cache/PutBlob", "Scanner/Scan", "Cache/DeleteBlobs"], server.Calls);
        Assert.All(server.Requests, r => Assert.Equal("application/protobuf", r.ContentType));
        Assert.All(server.Requests, r => Assert.Equal("s3cret", r.Headers["Trivy-Token"]));
        var blob = PutBlobRequest.Parser.ParseFrom(server.Requests[0].Body);
        Assert.Equal(2, blob.BlobInfo.SchemaVersion);
        var scan = ScanRequest.Parser.ParseFrom(server.Requests[1].Body);
        Assert.Equal([blob.DiffId], scan.BlobIds);
        Assert.Equal([blob.DiffId], DeleteBlobsRequest.Parser.ParseFrom(server.Requests[2].Body).BlobIds);
    }

    [Fact]
    public async Task Sends_the_token_in_the_configured_header()
    {
        await using var server = await FakeTwirpServer.StartAsync(Answer.Healthy());

        await Analyze(server, token: "s3cret", tokenHeader: "X-Scanner-Auth").AnalyzeAsync(s_lodash);

        Assert.All(server.Requests, r => Assert.Equal("s3cret", r.Headers["X-Scanner-Auth"]));
        Assert.All(server.Requests, r => Assert.False(r.Headers.ContainsKey("Trivy-Token")));
    }

    [Fact]
    public async Task Deletes_the_blob_even_when_the_scan_fails()
    {
        await using var server = await FakeTwirpServer.StartAsync(Answer.Healthy(scan: _ =>
            FakeResponse.TwirpError(500, "internal", "failed scan: boom")));

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => Analyze(server).AnalyzeAsync(s_lodash));

        Assert.Equal(["Cache/PutBlob", "Scanner/Scan", "Cache/DeleteBlobs"], server.Calls);
        Assert.Equal(AnalyzerFailure.Protocol, error.Failure);
        Assert.Contains("failed Scan: internal: failed scan: boom", error.Message);
    }

    [Fact]
    public async Task A_rejected_token_is_reported_as_such_and_not_retried()
    {
        await using var server = await FakeTwirpServer.StartAsync(_ => FakeResponse.TwirpError(401, "unauthenticated", "invalid token"));

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => Analyze(server, token: "wrong").AnalyzeAsync(s_lodash));

        Assert.Equal(AnalyzerFailure.Unauthenticated, error.Failure);
        Assert.StartsWith($"Trivy at {server.BaseUrl} rejected the API token", error.Message);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(429)]
    public async Task Transient_statuses_are_retried_until_the_server_recovers(int status)
    {
        var failures = 2;
        await using var server = await FakeTwirpServer.StartAsync(Answer.Healthy(scan: request =>
            Interlocked.Decrement(ref failures) >= 0 ? FakeResponse.Text(status, "try later") : Answer.EmptyScan(request)));

        await Analyze(server).AnalyzeAsync(s_lodash);

        Assert.Equal(["Cache/PutBlob", "Scanner/Scan", "Scanner/Scan", "Scanner/Scan", "Cache/DeleteBlobs"], server.Calls);
    }

    [Fact]
    public async Task A_server_that_stays_unavailable_is_reported_unreachable_after_the_retries()
    {
        await using var server = await FakeTwirpServer.StartAsync(_ => FakeResponse.TwirpError(503, "unavailable", "db update"));

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => Analyze(server, maxRetries: 3).AnalyzeAsync(s_lodash));

        Assert.Equal(AnalyzerFailure.Unreachable, error.Failure);
        Assert.Equal(4, server.Calls.Count(c => c == "Cache/PutBlob"));
    }

    [Fact]
    public async Task A_connection_dropped_mid_scan_is_retried()
    {
        var drops = 1;
        await using var server = await FakeTwirpServer.StartAsync(Answer.Healthy(scan: request =>
            Interlocked.Decrement(ref drops) >= 0 ? FakeResponse.Drop() : Answer.EmptyScan(request)));

        var result = await Analyze(server).AnalyzeAsync(s_lodash);

        Assert.Empty(result.Findings);
        Assert.Equal(2, server.Calls.Count(c => c == "Scanner/Scan"));
    }

    [Fact]
    public async Task A_malformed_scan_response_is_a_protocol_error_naming_the_method()
    {
        await using var server = await FakeTwirpServer.StartAsync(Answer.Healthy(scan: _ => FakeResponse.Protobuf([0xFF, 0xFF, 0xFF, 0x01])));

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => Analyze(server).AnalyzeAsync(s_lodash));

        Assert.Equal(AnalyzerFailure.Protocol, error.Failure);
        Assert.Contains("Scan", error.Message);
        Assert.Contains("malformed", error.Message);
    }

    [Fact]
    public async Task A_plain_404_says_the_url_is_not_a_trivy_server()
    {
        await using var server = await FakeTwirpServer.StartAsync(_ => FakeResponse.Text(404, "404 page not found\n"));

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => Analyze(server).AnalyzeAsync(s_lodash));

        Assert.Equal(AnalyzerFailure.Protocol, error.Failure);
        Assert.Contains("without the /twirp path", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_with_its_url()
    {
        var closedPort = FreePort.Find();
        var options = new TrivyOptions { BaseUrl = new Uri($"http://127.0.0.1:{closedPort}"), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        using var http = TrivyAnalyzer.CreateHttpClient();

        var error = await Assert.ThrowsAsync<AnalyzerException>(() => new TrivyAnalyzer(options, http).AnalyzeAsync(s_lodash));

        Assert.Equal(AnalyzerFailure.Unreachable, error.Failure);
        Assert.Contains($"http://127.0.0.1:{closedPort}/", error.Message);
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public async Task Json_encoding_sends_old_and_new_field_names()
    {
        await using var server = await FakeTwirpServer.StartAsync(Answer.Healthy());

        await Analyze(server, encoding: TwirpEncoding.Json).AnalyzeAsync(s_lodash);

        var putBlob = System.Text.Encoding.UTF8.GetString(server.Requests[0].Body);
        var scan = System.Text.Encoding.UTF8.GetString(server.Requests[1].Body);
        Assert.Equal("application/json", server.Requests[0].ContentType);
        Assert.Contains("\"packages\"", putBlob);
        Assert.Contains("\"libraries\"", putBlob);
        Assert.Contains("\"pkg_types\"", scan);
        Assert.Contains("\"vuln_type\"", scan);
        Assert.Contains("\"scanners\"", scan);
        Assert.Contains("\"security_checks\"", scan);
    }

    private static TrivyAnalyzer Analyze(FakeTwirpServer server, string? token = null, string tokenHeader = "Trivy-Token",
        int maxRetries = 3, TwirpEncoding encoding = TwirpEncoding.Protobuf) =>
        new(new TrivyOptions
        {
            BaseUrl = server.BaseUrl,
            ApiToken = token,
            TokenHeader = tokenHeader,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            Encoding = encoding,
        }, TrivyAnalyzer.CreateHttpClient());

    /// <summary>Scripted answers of a well-behaved server.</summary>
    private static class Answer
    {
        public static Func<RecordedRequest, FakeResponse> Healthy(Func<RecordedRequest, FakeResponse>? scan = null) => request =>
            request.Method == "Scanner/Scan" ? (scan ?? EmptyScan)(request) : Empty(request);

        public static FakeResponse EmptyScan(RecordedRequest request) => Encode(request, new ScanResponse());

        private static FakeResponse Empty(RecordedRequest request) => Encode(request, new Google.Protobuf.WellKnownTypes.Empty());

        private static FakeResponse Encode(RecordedRequest request, IMessage message) =>
            request.ContentType == "application/json" ? FakeResponse.Json(JsonFormatter.Default.Format(message)) : FakeResponse.Protobuf(message.ToByteArray());
    }
}
