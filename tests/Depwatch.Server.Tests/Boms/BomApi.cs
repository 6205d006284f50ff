using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Auth;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Sboms;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests.Boms;

/// <summary>Uploads BOMs the two ways pipelines do, follows tokens, and reads what was stored.</summary>
public static class BomApi
{
    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string bom, string projectName, string? projectVersion = "1.0", bool autoCreate = true) =>
        client.PutAsJsonAsync("/api/v1/bom", new
        {
            projectName,
            projectVersion,
            autoCreate,
            bom = Convert.ToBase64String(Encoding.UTF8.GetBytes(bom)),
        });

    public static Task<HttpResponseMessage> PostAsync(
        HttpClient client, string bom, string projectName, string? projectVersion = "1.0", bool autoCreate = true, string fileName = "bom.json")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(projectName), "projectName" },
            { new StringContent(autoCreate ? "true" : "false"), "autoCreate" },
        };
        if (projectVersion is not null)
        {
            form.Add(new StringContent(projectVersion), "projectVersion");
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(bom));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "bom", fileName);
        return client.PostAsync("/api/v1/bom", form);
    }

    /// <summary>A BOM of npm packages at version 1.0.0, e.g. <c>Npm("a", "b")</c>: pkg:npm/a@1.0.0 and pkg:npm/b@1.0.0.</summary>
    public static string Npm(params string[] names)
    {
        var builder = new BomBuilder("1.6");
        foreach (var name in names)
        {
            builder.WithComponent(name, "1.0.0", purl: $"pkg:npm/{name}@1.0.0");
        }
        return builder.ToJson();
    }

    /// <summary>The token of an accepted upload; fails the test, showing the answer, if it was not accepted.</summary>
    public static async Task<Guid> TokenAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"upload answered {(int)response.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["token"]!.GetValue<string>());
    }

    public static async Task<bool> IsProcessingAsync(HttpClient client, Guid token)
    {
        var status = await client.GetFromJsonAsync<JsonObject>($"/api/v1/event/token/{token}");
        return status!["processing"]!.GetValue<bool>();
    }

    /// <summary>Polls the token as pipelines do until it reads "not processing".</summary>
    public static Task WaitUntilProcessedAsync(HttpClient client, Guid token) =>
        JobDatabase.WaitUntilAsync(async () => !await IsProcessingAsync(client, token), $"token {token} is processed", TimeSpan.FromSeconds(60));

    public static async Task<ProjectEntity?> ProjectAsync(DepwatchApplication app, string name, string? version = "1.0")
    {
        await using var db = JobDatabase.Open(app);
        return await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Name == name && p.VersionKey == (version ?? ""));
    }

    public static async Task<List<ComponentEntity>> ComponentsAsync(DepwatchApplication app, Guid projectId)
    {
        await using var db = JobDatabase.Open(app);
        return await db.Components.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.Identity).ToListAsync();
    }

    public static async Task<(int Projects, int Jobs)> CountAsync(DepwatchApplication app)
    {
        await using var db = JobDatabase.Open(app);
        return (await db.Projects.CountAsync(), await db.Jobs.CountAsync());
    }

    /// <summary>A client whose key belongs to a new team holding exactly <paramref name="permissions"/>, made in the database.</summary>
    public static async Task<HttpClient> ClientWithAsync(DepwatchApplication app, params string[] permissions)
    {
        var (key, publicId, secretHash) = ApiKeys.Generate();
        await using var db = JobDatabase.Open(app);
        var team = new TeamEntity { Id = Guid.NewGuid(), Name = $"team-{publicId}", Permissions = string.Join(',', permissions) };
        db.Teams.Add(team);
        db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid(), TeamId = team.Id, PublicId = publicId, SecretHash = secretHash, Created = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return app.CreateClient(key);
    }
}
