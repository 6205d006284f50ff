using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>A pipeline's view of Depwatch: upload a BOM, wait for its token, read the project, findings and metrics.</summary>
public sealed class PortfolioClient(HttpClient http)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    public HttpClient Http => http;

    /// <summary>Uploads a BOM (creating the project), waits until it is ingested and analysed, and returns the project.</summary>
    public async Task<JsonObject> UploadAndWaitAsync(string name, string version, string bomJson)
    {
        await WaitForTokenAsync(await UploadAsync(name, version, bomJson));
        return await LookupAsync(name, version);
    }

    /// <summary>Uploads a BOM (creating the project) and returns the upload's token.</summary>
    public async Task<string> UploadAsync(string name, string version, string bomJson)
    {
        var response = await http.PutAsJsonAsync("/api/v1/bom", new
        {
            projectName = name,
            projectVersion = version,
            autoCreate = true,
            bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(bomJson)),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    public async Task WaitForTokenAsync(string token)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await http.GetFromJsonAsync<JsonObject>($"/api/v1/event/token/{token}");
            if (!status!["processing"]!.GetValue<bool>())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Token {token} was still processing after {s_timeout}.");
    }

    /// <summary>Waits until the project's last analysis is in <paramref name="state"/> and returns the project.</summary>
    public async Task<JsonObject> WaitForAnalysisStateAsync(string projectUuid, string state)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        JsonObject? project = null;
        while (DateTime.UtcNow < deadline)
        {
            project = await GetJsonAsync<JsonObject>($"/api/v1/project/{projectUuid}");
            if (project["lastAnalysisState"]?.GetValue<string>() == state)
            {
                return project;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Project {projectUuid} never reached {state}; it is {project}.");
    }

    public Task<JsonObject> LookupAsync(string name, string version) =>
        GetJsonAsync<JsonObject>($"/api/v1/project/lookup?name={Uri.EscapeDataString(name)}&version={Uri.EscapeDataString(version)}");

    public Task<JsonArray> FindingsAsync(string projectUuid, string? source = null) =>
        GetJsonAsync<JsonArray>($"/api/v1/finding/project/{projectUuid}" + (source is null ? "" : $"?source={source}"));

    public Task<JsonObject> MetricsAsync(string projectUuid) => GetJsonAsync<JsonObject>($"/api/v1/metrics/project/{projectUuid}/current");

    public Task<JsonObject> VulnerabilityAsync(string source, string vulnId) =>
        GetJsonAsync<JsonObject>($"/api/v1/vulnerability/source/{source}/vuln/{Uri.EscapeDataString(vulnId)}");

    public async Task<string> AnalyzeAsync(string projectUuid)
    {
        var response = await http.PostAsync($"/api/v1/finding/project/{projectUuid}/analyze", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    public async Task<T> GetJsonAsync<T>(string path) where T : JsonNode
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return (T)JsonNode.Parse(body)!;
    }

    /// <summary>The vulnerability IDs of findings, in order, with the component name: "lodash CVE-…".</summary>
    public static List<string> Summaries(JsonArray findings) =>
        [.. findings.Select(f => $"{f!["component"]!["name"]} {f["vulnerability"]!["vulnId"]}").Order(StringComparer.Ordinal)];
}
