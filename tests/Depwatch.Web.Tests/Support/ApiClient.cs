using System.Net.Http.Json;
using System.Text;

namespace Depwatch.Web.Tests.Support;

/// <summary>The REST API as a CI pipeline uses it, with the administrator key: arranging data for the pages to show.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public HttpClient Http => _http;

    public ApiClient(WebUiApplication app)
    {
        _http = new HttpClient { BaseAddress = app.BaseUrl };
        _http.DefaultRequestHeaders.Add("X-Api-Key", WebUiApplication.AdminKey);
    }

    /// <summary>Uploads a BOM (creating the project) and waits until it is ingested and analysed; returns the project's id.</summary>
    public async Task<Guid> UploadAndWaitAsync(string projectName, string? projectVersion, string bom, string[]? tags = null, Guid? parent = null)
    {
        await WaitAsync(await UploadAsync(projectName, projectVersion, bom, tags, parent));
        return await ProjectIdAsync(projectName, projectVersion);
    }

    /// <summary>Uploads a BOM (creating the project); returns the token to follow its processing.</summary>
    public async Task<Guid> UploadAsync(string projectName, string? projectVersion, string bom, string[]? tags = null, Guid? parent = null)
    {
        var response = await _http.PutAsJsonAsync("/api/v1/bom", new
        {
            projectName, projectVersion, autoCreate = true, bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(bom)),
            projectTags = tags?.Select(name => new { name }), parentUUID = parent,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenJson>())!.Token;
    }

    public async Task<Guid> ProjectIdAsync(string projectName, string? projectVersion)
    {
        var project = await _http.GetFromJsonAsync<ProjectJson>(
            $"/api/v1/project/lookup?name={Uri.EscapeDataString(projectName)}" + (projectVersion is null ? "" : $"&version={Uri.EscapeDataString(projectVersion)}"));
        return project!.Uuid;
    }

    public async Task WaitAsync(Guid token)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await _http.GetFromJsonAsync<ProcessingJson>($"/api/v1/event/token/{token}", timeout.Token))!.Processing)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    public async Task<T> GetJsonAsync<T>(string path) where T : System.Text.Json.Nodes.JsonNode
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return (T)System.Text.Json.Nodes.JsonNode.Parse(body)!;
    }

    public void Dispose() => _http.Dispose();

    private sealed record TokenJson(Guid Token);

    private sealed record ProcessingJson(bool Processing);

    private sealed record ProjectJson(Guid Uuid);
}
