using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Compatibility;

/// <summary>The server binary started from another working directory, as a service or container starts it.</summary>
public sealed class ServerSettingsFileTests
{
    [Fact]
    public async Task The_settings_shipped_beside_the_program_apply_whatever_the_working_directory()
    {
        using var elsewhere = new TemporaryDirectory("depwatch-cwd-");
        await using var server = await DepwatchServerProcess.StartBuiltAsync(new Dictionary<string, string?>
        {
            ["Depwatch__DataDirectory"] = Path.Combine(elsewhere.Path, "data"),
            ["Depwatch__PackageIndexMirrors__Enabled"] = "false",
            ["Depwatch__AdminApiKey"] = "dwk_Settings_0123456789abcdefghijABCDEFGHIJ",
        }, workingDirectory: elsewhere.Path);

        // The job workers poll the database every second; the shipped settings keep those commands out of the log.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Contains("Running jobs with 4 workers", server.Output);
        Assert.DoesNotContain("Executed DbCommand", server.Output);
    }

    [Fact]
    public async Task A_published_server_serves_its_stylesheet_and_script_whatever_the_working_directory()
    {
        using var install = new TemporaryDirectory("depwatch-install-");
        using var elsewhere = new TemporaryDirectory("depwatch-cwd-");
        var serverPath = await DepwatchServerProcess.PublishAsync(install.Path);
        await using var server = await DepwatchServerProcess.StartPublishedAsync(serverPath, new Dictionary<string, string?>
        {
            ["Depwatch__DataDirectory"] = Path.Combine(elsewhere.Path, "data"),
            ["Depwatch__AdminApiKey"] = "dwk_WebRoot1_0123456789abcdefghijABCDEFGHIJ",
        }, System.Diagnostics.Stopwatch.StartNew(), workingDirectory: elsewhere.Path);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        foreach (var asset in new[] { "css/site.css", "js/site.js" })
        {
            var served = await http.GetByteArrayAsync(asset);
            Assert.Equal(await File.ReadAllBytesAsync(RepositoryRoot.PathOf("src", "Depwatch.Server", "wwwroot", asset)), served);
        }
    }
}
