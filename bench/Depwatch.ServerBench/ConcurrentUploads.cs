using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Depwatch.Testing.DepwatchServer;

namespace Depwatch.Bench;

/// <summary>
/// N clients upload a maximum-size BOM each, all at once, to a fresh server (POST /api/v1/bom, multipart, one new
/// project each). A client answered 503 waits as its Retry-After says and sends again. The server's resident set is
/// sampled every 50 ms until every upload is ingested and analysed; its peak (VmHWM) is the figure.
/// </summary>
internal sealed class ConcurrentUploads(Func<IReadOnlyDictionary<string, string?>, Task<DepwatchServerProcess>> startServer, string adminKey)
{
    public async Task<ConcurrentUploadsResult> RunAsync(string bomFile, int clients, int expectedComponents, Action<string> log)
    {
        await using var server = await startServer(new Dictionary<string, string?>());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        var idleKb = server.StatusKilobytes("VmRSS");
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(server, sampling.Token);
        var clock = Stopwatch.StartNew();
        var uploads = await Task.WhenAll(Enumerable.Range(1, clients).Select(client => UploadAsync(http, bomFile, $"concurrent-{client}", clock)));
        var acknowledged = clock.Elapsed.TotalSeconds;
        log($"  {clients} uploads acknowledged after {acknowledged:F1} s ({uploads.Sum(u => u.Refusals)} answers 503 first)");
        foreach (var upload in uploads)
        {
            await WaitUntilProcessedAsync(http, upload.Token);
        }
        var processed = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        var sampledPeakKb = await sampler;
        foreach (var upload in uploads)
        {
            var stored = await ComponentCountAsync(http, upload.Project);
            if (stored != expectedComponents)
            {
                throw new InvalidOperationException($"project {upload.Project} holds {stored} components, not {expectedComponents}:\n{server.Output}");
            }
        }
        var hwmKb = server.StatusKilobytes("VmHWM");
        log($"  all processed after {processed:F1} s; server VmHWM {hwmKb / 1024} MiB (sampled peak {sampledPeakKb / 1024} MiB, idle {idleKb / 1024} MiB)");
        return new ConcurrentUploadsResult(clients, idleKb, hwmKb, acknowledged, processed, uploads.Sum(u => u.Refusals),
            uploads.Select(u => u.AcknowledgedAfter).Max());
    }

    private static async Task<long> SampleAsync(DepwatchServerProcess server, CancellationToken cancellationToken)
    {
        long peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, server.StatusKilobytes("VmRSS"));
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return peak;
    }

    private static async Task<Upload> UploadAsync(HttpClient http, string bomFile, string project, Stopwatch clock)
    {
        for (var refusals = 0; ; refusals++)
        {
            await using var file = File.OpenRead(bomFile);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("true"), "autoCreate" },
                { new StringContent(project), "projectName" },
            };
            var bom = new StreamContent(file);
            bom.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(bom, "bom", "bom.json");
            using var response = await http.PostAsync("api/v1/bom", form);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException($"503 without Retry-After: {body}");
                await Task.Delay(wait);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"upload of {project} answered {(int)response.StatusCode}: {body}");
            }
            using var json = JsonDocument.Parse(body);
            return new Upload(project, json.RootElement.GetProperty("token").GetString()!, refusals, clock.Elapsed.TotalSeconds);
        }
    }

    private static async Task WaitUntilProcessedAsync(HttpClient http, string token)
    {
        while (true)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync($"api/v1/event/token/{token}"));
            if (!json.RootElement.GetProperty("processing").GetBoolean())
            {
                return;
            }
            await Task.Delay(200);
        }
    }

    private static async Task<int> ComponentCountAsync(HttpClient http, string project)
    {
        using var lookup = JsonDocument.Parse(await http.GetStringAsync($"api/v1/project/lookup?name={project}"));
        var uuid = lookup.RootElement.GetProperty("uuid").GetString();
        using var response = await http.GetAsync($"api/v1/component/project/{uuid}?pageSize=1&pageNumber=1");
        response.EnsureSuccessStatusCode();
        return int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
    }

    private sealed record Upload(string Project, string Token, int Refusals, double AcknowledgedAfter);
}

internal sealed record ConcurrentUploadsResult(
    int Clients, long IdleKb, long PeakKb, double AllAcknowledgedSeconds, double AllProcessedSeconds, int Refusals, double LastAcknowledgedSeconds);
