using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests.Policies;

/// <summary>Policies and violations through the API, waiting for the evaluations a change queues.</summary>
internal sealed class PolicyClient(DepwatchApplication app, HttpClient http)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public async Task<string> CreateAsync(string name, string state = "FAIL", string op = "ANY", params (string Subject, string Operator, string Value)[] conditions)
    {
        var response = await http.PutAsJsonAsync("/api/v1/policy", new { name, violationState = state, @operator = op });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var uuid = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;
        foreach (var (subject, conditionOperator, value) in conditions)
        {
            var added = await AddConditionAsync(uuid, subject, conditionOperator, value);
            Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        }
        return uuid;
    }

    public Task<HttpResponseMessage> AddConditionAsync(string policyUuid, string subject, string op, string value) =>
        http.PutAsJsonAsync($"/api/v1/policy/{policyUuid}/condition", new { subject, @operator = op, value });

    /// <summary>The project's open violations once every queued evaluation has run.</summary>
    public async Task<JsonArray> ViolationsAsync(string projectUuid, string query = "")
    {
        await SettledAsync();
        return (await http.GetFromJsonAsync<JsonArray>($"/api/v1/violation/project/{projectUuid}{query}"))!;
    }

    /// <summary>Waits until no analysis or policy evaluation is queued or running.</summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = JobDatabase.Open(app);
            if (!await db.Jobs.AnyAsync(j => j.State == JobStates.Queued || j.State == JobStates.Running))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Jobs were still queued or running after {s_timeout}.");
    }

    public static List<string> Summaries(JsonArray violations) =>
        [.. violations.Select(v => $"{v!["component"]!["name"]} {v["type"]} {v["policyCondition"]!["subject"]}").Order(StringComparer.Ordinal)];
}
