using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Teams;

/// <summary>Creates teams and keys through the API with the administrator key, as an operator would.</summary>
public static class TeamKeys
{
    /// <summary>A new team holding exactly <paramref name="permissions"/>, and a key for it.</summary>
    public static async Task<(string TeamUuid, string Key)> CreateAsync(DepwatchApplication app, params string[] permissions)
    {
        using var admin = app.CreateClient();
        var team = await admin.PutAsJsonAsync("/api/v1/team", new { name = $"team-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        var uuid = (await team.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!.GetValue<string>();
        foreach (var permission in permissions)
        {
            var granted = await admin.PostAsync($"/api/v1/permission/{permission}/team/{uuid}", null);
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }
        var key = await admin.PutAsync($"/api/v1/team/{uuid}/key", null);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return (uuid, (await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
    }
}
