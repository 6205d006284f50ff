using System.Text.RegularExpressions;
using Depwatch.Testing.TrivyDb;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Support;

namespace Depwatch.Web.Tests;

/// <summary>Administration → Analyzers → Trivy while Depwatch runs the real Trivy itself over the fixture DB.</summary>
public sealed class ManagedTrivyPageTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _cache = new("depwatch-managed-trivy-");
    private WebUiApplication _app = null!;

    [Fact]
    public async Task The_page_shows_trivy_managed_by_depwatch_running_with_its_pid_port_and_database_date()
    {
        using var client = await _app.SignedInClientAsync(Users.Root);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        string page;
        while (!Html.TextOfTestId(page = System.Net.WebUtility.HtmlDecode((await client.GetAsync("/admin/analyzers/trivy")).Html), "managed-trivy")
            .Contains("Managed by Depwatch: running", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the page never showed Trivy running:\n{Html.TextOfTestId(page, "managed-trivy")}");
            await Task.Delay(200);
        }

        var (pid, port) = (Regex.Match(page, @"pid (\d+)").Groups[1].Value, Regex.Match(page, @"127\.0\.0\.1:(\d+)").Groups[1].Value);
        Assert.Contains("trivy", await File.ReadAllTextAsync($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", await File.ReadAllTextAsync($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
        var section = Html.TextOfTestId(page, "managed-trivy");
        Assert.Contains($"updated {TrivyDbBuilder.UpdatedAt:yyyy-MM-dd HH:mm} UTC", section, StringComparison.Ordinal);
        Assert.Contains("not updated (SkipDbUpdate)", section, StringComparison.Ordinal);
        // The token Trivy was given is in its environment only: neither on its command line, which every local user can read, nor on the page.
        var token = (await File.ReadAllTextAsync($"/proc/{pid}/environ")).Split('\0').Single(v => v.StartsWith("TRIVY_TOKEN=", StringComparison.Ordinal))[12..];
        Assert.True(token.Length >= 32);
        Assert.DoesNotContain(token, await File.ReadAllTextAsync($"/proc/{pid}/cmdline"), StringComparison.Ordinal);
        Assert.DoesNotContain(token, page, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        TrivyDbBuilder.Build(_cache.Path, TrivyDbBuilder.DefaultFixtureFiles());
        _app = await WebUiApplication.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:Managed"] = "true",
            ["Depwatch:Trivy:Executable"] = TrivyBinary.Path,
            ["Depwatch:Trivy:CacheDirectory"] = _cache.Path,
            ["Depwatch:Trivy:SkipDbUpdate"] = "true",
        });
        await _app.CreateRootAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _cache.Dispose();
    }
}
