using System.Net;
using Depwatch.Server.Auth;
using Depwatch.Server.Tests.Support;

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
}
