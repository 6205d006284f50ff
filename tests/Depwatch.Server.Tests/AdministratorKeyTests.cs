using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Auth;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests;

public sealed class AdministratorKeyTests
{
    [Fact]
    public async Task Without_a_configured_key_one_is_generated_into_an_owner_only_file()
    {
        await using var app = await DepwatchApplication.StartAsync(StorageKind.Sqlite, new Dictionary<string, string?> { ["Depwatch:AdminApiKey"] = "" });
        var file = Path.Combine(app.DataDirectory, AdministratorBootstrap.KeyFileName);

        var bytes = await File.ReadAllBytesAsync(file);
        var key = System.Text.Encoding.ASCII.GetString(bytes).Trim();

        // Read as `cat` reads it: no byte-order mark may end up in the header a pipeline sends.
        Assert.Matches("^dwk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$", key);

        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient(key).GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_key_the_operator_chose_in_another_form_is_stored_as_generated_ones_are(StorageKind storage)
    {
        const string chosen = "operator-chosen-admin-key";
        await using var app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?> { ["Depwatch:AdminApiKey"] = chosen });
        var client = app.CreateClient(chosen);

        var key = (await client.GetFromJsonAsync<JsonArray>("/api/v1/team"))!.Single(t => (string?)t!["name"] == "Administrators")!["apiKeys"]!.AsArray().Single()!;

        // Nothing shown about it is derived from the key: its public id is random, as a generated key's is.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chosen)));
        Assert.Matches("^~[A-Za-z0-9]{7}$", (string?)key["publicId"]);
        Assert.DoesNotContain(hash[..7], key.ToJsonString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, AdministratorBootstrap.KeyFileName)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/team/self")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient(chosen + "x").GetAsync("/api/v1/team/self")).StatusCode);
    }

    [Fact]
    public async Task A_key_stored_by_an_earlier_version_under_its_hash_keeps_working()
    {
        await using var app = await DepwatchApplication.StartAsync(StorageKind.Sqlite);
        const string earlier = "key-from-an-earlier-version";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(earlier)));
        await using (var db = JobDatabase.Open(app))
        {
            var team = await db.Teams.SingleAsync(t => t.Name == AdministratorBootstrap.TeamName);
            db.ApiKeys.Add(new ApiKeyEntity { Id = Guid.NewGuid(), TeamId = team.Id, PublicId = "~" + hash[..7], SecretHash = hash, Created = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient(earlier).GetAsync("/api/v1/team/self")).StatusCode);
    }
}
