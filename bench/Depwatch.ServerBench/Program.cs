using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Depwatch.Bench;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.TrivyServer;

// Depwatch.ServerBench --server PATH/depwatch-server --depwatch PATH/depwatch [--runs 3] [--components 10000]
//   [--findings-components 5000] [--clients 32] [--requests 20] [--uploads 8] [--rootfs-source /] [--markdown FILE]
//   [--only uploads]   (only the concurrent maximum-size uploads)
var options = ParseOptions(args);
var clock = Stopwatch.StartNew();
var runs = int.Parse(options.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
var componentCount = int.Parse(options.GetValueOrDefault("components", "10000"), CultureInfo.InvariantCulture);
var findingsComponents = int.Parse(options.GetValueOrDefault("findings-components", "5000"), CultureInfo.InvariantCulture);
var clients = int.Parse(options.GetValueOrDefault("clients", "32"), CultureInfo.InvariantCulture);
var requestsPerClient = int.Parse(options.GetValueOrDefault("requests", "20"), CultureInfo.InvariantCulture);
var concurrentUploads = int.Parse(options.GetValueOrDefault("uploads", "8"), CultureInfo.InvariantCulture);
var serverPath = options["server"];
var depwatchPath = options["depwatch"];

using var work = new TemporaryDirectory("depwatch-server-bench-");
Log("starting trivy server (fixture DB)");
await using var trivy = await TrivyServerInstance.StartAsync();
Log($"trivy server at {trivy.BaseUrl}");
var adminKey = "dwbench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
var report = new StringBuilder();
if (options.GetValueOrDefault("only") == "uploads")
{
    await MeasureConcurrentUploadsAsync();
    return await WriteReportAsync();
}

Log("writing SBOM (a) with trivy rootfs");
var rootfsSbom = await RootfsSbom.WriteAsync(options.GetValueOrDefault("rootfs-source", "/"), work.Path);
var syntheticSbom = Path.Combine(work.Path, $"synthetic-{componentCount}.cdx.json");
SyntheticSbom.Write(syntheticSbom, componentCount);
var lodashSbom = Path.Combine(work.Path, $"lodash-{findingsComponents}.cdx.json");
WriteLodashSbom(lodashSbom, findingsComponents);

await using var server = await StartServerAsync(Path.Combine(work.Path, "data"), new Dictionary<string, string?>());
Log($"depwatch server at {server.BaseUrl} (pid {server.ProcessId}), SQLite in {work.Path}/data, default analysis settings");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

var rows = new List<string>();
var ingestRows = new List<string>();
double? syntheticBeyond = null;
foreach (var (label, file) in new[] { ("(a) Debian rootfs, by `trivy rootfs`", rootfsSbom), ($"(b) generated, {componentCount:N0} components", syntheticSbom) })
{
    var components = CountComponents(file);
    Log($"{label}: {components} components, {new FileInfo(file).Length / 1024} KiB");
    // Warm-up of both (first run of the CLI and first upload pay JIT and connection set-up), not counted.
    await TimeCliAsync(file);
    await UploadAsync(file, $"warmup-{rows.Count}");
    List<double> cliTimes = [], serverTimes = [], ackTimes = [], ingestedAt = [], analysedAt = [], ingestMs = [];
    var findings = 0;
    for (var run = 1; run <= runs; run++)
    {
        var cli = await TimeCliAsync(file);
        cliTimes.Add(cli);
        var upload = await UploadAsync(file, $"bench-{rows.Count}-{run}");
        serverTimes.Add(upload.Total);
        ackTimes.Add(upload.Acknowledged);
        ingestedAt.Add(upload.IngestedLogAt);
        analysedAt.Add(upload.AnalysedLogAt);
        ingestMs.Add(upload.IngestJobMs);
        findings = upload.Findings;
        Log($"  run {run}: cli {cli:F3} s; server: upload acknowledged {upload.Acknowledged:F3} s, ingest job {upload.IngestJobMs:F0} ms (logged at {upload.IngestedLogAt:F3} s), analysed logged at {upload.AnalysedLogAt:F3} s, findings available {upload.Total:F3} s ({upload.Findings} findings)");
    }
    var beyond = Median(serverTimes) - Median(cliTimes);
    if (components >= 10_000)
    {
        syntheticBeyond = beyond;
    }
    rows.Add($"| {label} | {components:N0} | {findings:N0} | {Median(serverTimes):F2} s | {Median(cliTimes):F2} s | **{beyond:F2} s** | {Join(serverTimes)} / {Join(cliTimes)} |");
    ingestRows.Add($"| {label} | {components:N0} | {Median(ackTimes):F2} s | {Median(ingestMs):F0} ms | **{components / (Median(ingestMs) / 1000):N0}** | {Median(ingestedAt):F2} s | {Median(analysedAt):F2} s | {Median(serverTimes):F2} s |");
}

Log($"findings project: {findingsComponents} × pkg:npm/lodash@4.17.4, distinct bom-refs");
var lodash = await UploadAsync(lodashSbom, "findings-latency");
Log($"  findings available after {lodash.Total:F2} s: {lodash.Findings} findings");
var hwmBeforeLoadKb = server.StatusKilobytes("VmHWM");
Log($"  server VmHWM before the findings load: {hwmBeforeLoadKb / 1024} MiB");
// Per kind of client: a reference answer (findings counted, decoding timed), 2 unmeasured warm-up requests (JIT,
// SQLite page cache), 5 requests by one client alone (the service time without queueing), then the concurrent load.
var loads = new List<LoadResult>();
foreach (var gzip in new[] { false, true })
{
    using var load = new FindingsLoad(server.BaseUrl, adminKey, lodash.ProjectUuid, gzip);
    var decodeMs = await load.PrepareAsync(lodash.Findings);
    var buffer = load.NewBuffer();
    for (var i = 0; i < 2; i++)
    {
        await load.TimeOneAsync(buffer);
    }
    var single = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        single.Add(await load.TimeOneAsync(buffer));
    }
    var (latencies, seconds) = await load.RunAsync(clients, requestsPerClient);
    var result = new LoadResult(load.Label, load.WireBytes, decodeMs, Median(single), single.Max(), latencies, seconds);
    loads.Add(result);
    Log($"  {result.Label}: {result.WireBytes / 1024} KiB per answer, decoding one {decodeMs:F0} ms; alone median {result.AloneMedian:F0} ms; "
        + $"{latencies.Count} requests by {clients} clients in {seconds:F1} s: p50 {result.P50:F0} ms, p99 {result.P99:F0} ms, max {latencies[^1]:F0} ms");
}

var hwmKb = server.StatusKilobytes("VmHWM");
var rssKb = server.StatusKilobytes("VmRSS");
Log($"server memory: VmHWM {hwmKb / 1024} MiB, VmRSS now {rssKb / 1024} MiB");

var ok = (bool met) => met ? "**met**" : "**missed**";
report.AppendLine("**Upload → findings available** (median of " + runs + "; client clock: `POST /api/v1/bom` sent → token `processing: false` and `GET /api/v1/finding/project/{uuid}` non-empty, polled every 50 ms) against `depwatch scan` (published CLI, same SBOM, same Trivy server, whole process):");
report.AppendLine();
report.AppendLine("| SBOM | components | findings | server: upload → findings | `depwatch scan` | beyond the CLI's scan | all runs, server / CLI (s) |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---|");
rows.ForEach(r => report.AppendLine(r));
report.AppendLine();
report.AppendLine("**Ingest** (median): *acknowledged* = `POST /api/v1/bom` round trip (upload read and validated, job queued); *ingest job* = the server's own `Ingested a BOM of N components … in X ms` log figure (parse the stored BOM, write the inventory, queue the analysis, one transaction); throughput = components ÷ ingest job time. *Ingested / analysed logged* = when those log lines reached the bench, counted from the upload.");
report.AppendLine();
report.AppendLine("| SBOM | components | acknowledged | ingest job | components/s | ingested logged | analysed logged | findings available |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
ingestRows.ForEach(r => report.AppendLine(r));
report.AppendLine();
report.AppendLine($"**Findings endpoint under load**: project of {findingsComponents:N0} components `pkg:npm/lodash@4.17.4` (distinct bom-refs) with **{lodash.Findings:N0} findings**; per kind of client, {clients} concurrent clients × {requestsPerClient} requests = {clients * requestsPerClient} `GET /api/v1/finding/project/{{uuid}}`, each timed to the last byte of the body as it arrives, after 2 unmeasured warm-up requests and 5 by one client alone. Each client reads the bodies into one buffer it reuses, and every timed body is compared byte for byte with a reference answer whose {lodash.Findings:N0} findings were counted. *Decode* is what turning one answer into a parsed JSON document costs the client afterwards (gunzip and parse, or parse), measured once on the same machine outside the load.");
report.AppendLine();
report.AppendLine("| client | bytes per answer | decode | alone (median / max) | concurrent clients | requests/s | p50 | p99 | max |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var load in loads)
{
    report.AppendLine($"| {load.Label} | {load.WireBytes / 1024:N0} KiB | {load.DecodeMs:F0} ms | {load.AloneMedian:F0} / {load.AloneMax:F0} ms | {clients} | {load.Latencies.Count / load.Seconds:F1} | {load.P50:F0} ms | **{load.P99:F0} ms** | {load.Latencies[^1]:F0} ms |");
}
report.AppendLine();
report.AppendLine($"**Server memory**: peak resident set (VmHWM of /proc/{{pid}}/status at the end, after every step above) **{hwmKb / 1024.0:F0} MiB**; resident at the end {rssKb / 1024.0:F0} MiB. Peak before the concurrent findings load (after all uploads, ingests and analyses above): {hwmBeforeLoadKb / 1024.0:F0} MiB.");
report.AppendLine();
report.AppendLine("**Targets:**");
report.AppendLine();
if (syntheticBeyond is { } b)
{
    report.AppendLine($"- 10,000 components ingested and analysed in under 10 s beyond the scan time: {ok(b < 10)} ({b:F2} s beyond `depwatch scan`).");
}
foreach (var load in loads)
{
    report.AppendLine($"- findings p99 under 100 ms ({clients} clients, ~10,000 findings), client that {(load.Label.StartsWith("accepts", StringComparison.Ordinal) ? load.Label : "sends " + load.Label)}: {ok(load.P99 < 100)} ({load.P99:F0} ms).");
}
report.AppendLine($"- server memory under 500 MB: {ok(hwmKb * 1024L < 500_000_000)} ({hwmKb * 1024L / 1_000_000.0:F0} MB peak over the whole run; {hwmBeforeLoadKb * 1024L / 1_000_000.0:F0} MB before the concurrent findings load).");
report.AppendLine();
await MeasureConcurrentUploadsAsync();
return await WriteReportAsync();

async Task<int> WriteReportAsync()
{
    Console.WriteLine();
    Console.Write(report);
    if (options.TryGetValue("markdown", out var markdown))
    {
        await File.WriteAllTextAsync(markdown, report.ToString());
    }
    return 0;
}

// A fresh server per database, so that its peak is the uploads' alone.
async Task MeasureConcurrentUploadsAsync()
{
    var maxRequestBytes = 50L * 1024 * 1024;
    var bomFile = Path.Combine(work.Path, "maximum-size.cdx.json");
    var components = SyntheticSbom.WriteUpTo(bomFile, maxRequestBytes - 4096);
    Log($"concurrent uploads: {concurrentUploads} × {new FileInfo(bomFile).Length:N0} bytes ({components:N0} components), limit {maxRequestBytes:N0} bytes");
    var results = new List<(string Storage, ConcurrentUploadsResult Result)>();
    var sqlite = new ConcurrentUploads(extra => StartServerAsync(Path.Combine(work.Path, "uploads-sqlite"), extra), adminKey);
    results.Add(("SQLite", await sqlite.RunAsync(bomFile, concurrentUploads, components, Log)));
    if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Depwatch.Testing.Postgres.PostgresDatabase.EnvironmentVariable)))
    {
        await using var database = await Depwatch.Testing.Postgres.PostgresDatabase.CreateAsync();
        var postgres = new ConcurrentUploads(extra => StartServerAsync(Path.Combine(work.Path, "uploads-postgres"), new Dictionary<string, string?>(extra)
        {
            ["Depwatch__Storage__Provider"] = "postgres",
            ["Depwatch__Storage__ConnectionString"] = database.ConnectionString,
        }), adminKey);
        results.Add(("PostgreSQL", await postgres.RunAsync(bomFile, concurrentUploads, components, Log)));
    }
    report.AppendLine($"**Concurrent maximum-size uploads**: {concurrentUploads} clients each `POST /api/v1/bom` a {new FileInfo(bomFile).Length / 1_048_576.0:F1} MiB BOM ({components:N0} components, generated as (b)) at the same moment, to a fresh server at its default settings (`Depwatch:MaxRequestBytes` 50 MiB); a client answered 503 waits as `Retry-After` says and sends again. Memory is the server's peak resident set (VmHWM) until every upload is ingested and analysed.");
    report.AppendLine();
    report.AppendLine("| database | uploads | idle | peak | answered 503 first | last acknowledged | all processed |");
    report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (storage, result) in results)
    {
        report.AppendLine($"| {storage} | {result.Clients} | {result.IdleKb / 1024.0:F0} MiB | **{result.PeakKb / 1024.0:F0} MiB** | {result.Refusals} | {result.LastAcknowledgedSeconds:F1} s | {result.AllProcessedSeconds:F1} s |");
    }
}

Task<DepwatchServerProcess> StartServerAsync(string dataDirectory, IReadOnlyDictionary<string, string?> extra)
{
    var environment = new Dictionary<string, string?>
    {
        ["Depwatch__DataDirectory"] = dataDirectory,
        ["Depwatch__PackageIndexMirrors__Enabled"] = "false",
        ["Depwatch__AdminApiKey"] = adminKey,
        ["Depwatch__Storage__Provider"] = "sqlite",
        ["Depwatch__Trivy__BaseUrl"] = trivy.BaseUrl.ToString(),
        ["Depwatch__Trivy__ApiToken"] = trivy.Token,
        ["Depwatch__Trivy__TokenHeader"] = trivy.TokenHeader,
    };
    foreach (var (name, value) in extra)
    {
        environment[name] = value;
    }
    return DepwatchServerProcess.StartPublishedAsync(serverPath, environment, clock);
}

async Task<double> TimeCliAsync(string sbom)
{
    var startInfo = new ProcessStartInfo(depwatchPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in new[] { "scan", sbom, "--trivy-url", trivy.BaseUrl.ToString().TrimEnd('/'), "--trivy-token", trivy.Token, "--format", "json", "--output", "/dev/null", "--quiet" })
    {
        startInfo.ArgumentList.Add(argument);
    }
    var started = Stopwatch.GetTimestamp();
    using var process = Process.Start(startInfo)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    // Exit code 1 means "findings at or above the threshold" for a scanner; anything else is a failure.
    if (process.ExitCode is not (0 or 1))
    {
        throw new InvalidOperationException($"depwatch scan exited with {process.ExitCode}: {await stderr}{await stdout}");
    }
    return seconds;
}

async Task<UploadResult> UploadAsync(string sbom, string project)
{
    using var form = new MultipartFormDataContent
    {
        { new StringContent("true"), "autoCreate" },
        { new StringContent(project), "projectName" },
        { new StringContent("1.0.0"), "projectVersion" },
    };
    var bytes = await File.ReadAllBytesAsync(sbom);
    form.Add(new ByteArrayContent(bytes), "bom", Path.GetFileName(sbom));
    var t0 = clock.Elapsed;
    using var response = await http.PostAsync("api/v1/bom", form);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"POST /api/v1/bom: {(int)response.StatusCode} {body}");
    }
    var acknowledged = (clock.Elapsed - t0).TotalSeconds;
    var token = JsonDocument.Parse(body).RootElement.GetProperty("token").GetString();
    string? uuid = null;
    var findings = 0;
    var deadline = clock.Elapsed + TimeSpan.FromMinutes(5);
    while (true)
    {
        if (clock.Elapsed > deadline)
        {
            throw new TimeoutException($"{project}: no findings within 5 minutes:\n{server.Output}");
        }
        using var tokenDoc = JsonDocument.Parse(await http.GetStringAsync($"api/v1/event/token/{token}"));
        if (!tokenDoc.RootElement.GetProperty("processing").GetBoolean())
        {
            uuid ??= JsonDocument.Parse(await http.GetStringAsync($"api/v1/project/lookup?name={Uri.EscapeDataString(project)}&version=1.0.0"))
                .RootElement.GetProperty("uuid").GetString();
            findings = await GetFindingsAsync(uuid!);
            if (findings > 0)
            {
                break;
            }
        }
        await Task.Delay(50);
    }
    var total = (clock.Elapsed - t0).TotalSeconds;
    var lines = server.LinesSince(t0);
    var ingested = lines.First(l => l.Line.Contains("Ingested a BOM of", StringComparison.Ordinal));
    var analysed = lines.First(l => l.At >= ingested.At && l.Line.Contains("Analysed project", StringComparison.Ordinal));
    var ingestMs = double.Parse(Regex.Match(ingested.Line, @"in (\d+) ms").Groups[1].Value, CultureInfo.InvariantCulture);
    return new UploadResult(uuid!, total, acknowledged, (ingested.At - t0).TotalSeconds, (analysed.At - t0).TotalSeconds, ingestMs, findings);
}

async Task<int> GetFindingsAsync(string uuid)
{
    using var response = await http.GetAsync($"api/v1/finding/project/{uuid}", HttpCompletionOption.ResponseContentRead);
    response.EnsureSuccessStatusCode();
    await using var stream = await response.Content.ReadAsStreamAsync();
    using var doc = await JsonDocument.ParseAsync(stream);
    return doc.RootElement.GetArrayLength();
}

static int CountComponents(string sbom)
{
    using var doc = JsonDocument.Parse(File.ReadAllBytes(sbom));
    return doc.RootElement.GetProperty("components").GetArrayLength();
}

static void WriteLodashSbom(string path, int count)
{
    using var file = File.Create(path);
    using var json = new Utf8JsonWriter(file);
    json.WriteStartObject();
    json.WriteString("bomFormat", "CycloneDX");
    json.WriteString("specVersion", "1.5");
    json.WriteNumber("version", 1);
    json.WriteStartArray("components");
    for (var i = 0; i < count; i++)
    {
        json.WriteStartObject();
        json.WriteString("bom-ref", $"lodash-{i}");
        json.WriteString("type", "library");
        json.WriteString("name", "lodash");
        json.WriteString("version", "4.17.4");
        json.WriteString("purl", "pkg:npm/lodash@4.17.4");
        json.WriteEndObject();
    }
    json.WriteEndArray();
    json.WriteEndObject();
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Join(List<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

static Dictionary<string, string> ParseOptions(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options[args[i].TrimStart('-')] = args[i + 1];
    }
    return options;
}

void Log(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,7:F1} s] {message}");

internal sealed record LoadResult(string Label, long WireBytes, double DecodeMs, double AloneMedian, double AloneMax, List<double> Latencies, double Seconds)
{
    public double P50 => Percentile(0.50);
    public double P99 => Percentile(0.99);

    // Nearest rank.
    private double Percentile(double p) => Latencies[Math.Clamp((int)Math.Ceiling(p * Latencies.Count) - 1, 0, Latencies.Count - 1)];
}

internal sealed record UploadResult(string ProjectUuid, double Total, double Acknowledged, double IngestedLogAt, double AnalysedLogAt, double IngestJobMs, int Findings);
