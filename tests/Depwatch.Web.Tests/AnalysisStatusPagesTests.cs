using System.Net;
using System.Text.Json;
using Depwatch.Testing;
using Depwatch.Web.Tests.Support;

namespace Depwatch.Web.Tests;

/// <summary>What the project and portfolio pages say about analyses: one queued per "Analyze now", and failures being retried.</summary>
public abstract class AnalysisStatusPagesTests(StorageKind storage)
{
    [Fact]
    public async Task Analyze_now_pressed_again_while_one_waits_follows_the_same_analysis()
    {
        // No workers: the analysis stays queued.
        await using var app = await WebUiApplication.StartAsync(storage, new Dictionary<string, string?> { ["Depwatch:Analysis:RunJobs"] = "false" });
        await app.CreateRootAsync();
        using var client = await app.SignedInClientAsync(Users.Root);
        using var api = new ApiClient(app);
        await api.UploadAsync("shop", "1.0.0", WebBoms.Shop());
        var project = await api.ProjectIdAsync("shop", "1.0.0");

        var first = await PressAnalyzeNowAsync(client, project);
        var second = await PressAnalyzeNowAsync(client, project);

        Assert.Equal(first, second);
        Assert.Contains("token=", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_analysis_says_it_is_retried_and_when_on_the_project_and_in_the_portfolio()
    {
        await using var app = await WebUiApplication.StartAsync(storage, new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:BaseUrl"] = $"http://127.0.0.1:{FreePort.Find()}",
        });
        await app.CreateRootAsync();
        using var client = await app.SignedInClientAsync(Users.Root);
        using var api = new ApiClient(app);
        var token = await api.UploadAsync("shop", "1.0.0", WebBoms.Shop());
        var project = await api.ProjectIdAsync("shop", "1.0.0");

        // Between attempts the page says when the next is; during one, that it is being tried again.
        var state = await WaitForAsync(async () => Html.TextOfTestId((await client.GetAsync($"/projects/{project}")).Html, "analysis-state"), "next at");
        Assert.Matches("^Trivy unreachable: attempt [0-9]+ failed, next at [0-9]{2}:[0-9]{2} UTC$", state);
        Assert.Matches("^Trivy unreachable: attempt [0-9]+ failed, (next at [0-9:]+ UTC|trying again now)$",
            await WaitForAsync(async () => Html.TextOfTestId((await client.GetAsync("/")).Html, "analysis-state"), "Trivy unreachable"));
        var status = await WaitForAsync(async () => StatusText((await client.GetAsync($"/projects/{project}?handler=Status&token={token}")).Html), "next at");
        Assert.Matches("^processing: Trivy unreachable: attempt [0-9]+ failed, next at [0-9]{2}:[0-9]{2} UTC. Depwatch keeps trying.$", status);
    }

    private static string StatusText(string json)
    {
        using var status = JsonDocument.Parse(json);
        return (status.RootElement.GetProperty("processing").GetBoolean() ? "processing: " : "done: ") + status.RootElement.GetProperty("text").GetString();
    }

    private static async Task<string> PressAnalyzeNowAsync(PageClient client, Guid project)
    {
        var (_, page, _) = await client.GetAsync($"/projects/{project}");
        var response = await client.PostAsync($"/projects/{project}?handler=Analyze", [], PageClient.TokenIn(page, $"/projects/{project}?handler=Analyze"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>What <paramref name="read"/> reads once it contains <paramref name="expected"/>.</summary>
    private static async Task<string> WaitForAsync(Func<Task<string>> read, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var text = await read();
            if (text.Contains(expected, StringComparison.Ordinal))
            {
                return text;
            }
            await Task.Delay(200, timeout.Token);
        }
    }
}

public sealed class AnalysisStatusPagesOnSqlite() : AnalysisStatusPagesTests(StorageKind.Sqlite);

public sealed class AnalysisStatusPagesOnPostgres() : AnalysisStatusPagesTests(StorageKind.Postgres);
