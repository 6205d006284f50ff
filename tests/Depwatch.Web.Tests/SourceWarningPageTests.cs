using Depwatch.Testing.PackageIndexes;
using Depwatch.Testing.TrivyServer;
using Depwatch.Web.Tests.Browser;
using Depwatch.Web.Tests.Support;

namespace Depwatch.Web.Tests;

/// <summary>A project whose OS packages name no source package says so on its page, until a package index resolves them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SourceWarningPageTests(TrivyServerFixture trivy) : IAsyncLifetime
{
    private const string BareOpenssl = """
        {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
          {"type":"operating-system","name":"debian","version":"12.5"},
          {"type":"library","name":"libssl3","version":"3.0.11-1~deb12u2",
           "purl":"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"}]}
        """;

    private WebUiApplication? _app;
    private PageClient? _client;

    [Fact]
    public async Task Without_an_index_the_project_page_warns_which_packages_lack_a_source_and_what_to_do()
    {
        var project = await StartAndUploadAsync([]);

        var html = (await _client!.GetAsync($"/projects/{project}")).Html;

        Assert.Empty(Html.RowsOf(html, "findings"));
        var warning = Warning(html);
        Assert.NotNull(warning);
        Assert.Contains("1 package of Debian 12 (bookworm) names no source package in the SBOM, and no package index of debian-12 is at hand", warning);
        Assert.Contains("Depwatch:PackageIndexes", warning);
    }

    [Fact]
    public async Task With_the_releases_index_configured_the_findings_show_and_the_warning_does_not()
    {
        var project = await StartAndUploadAsync(new() { ["Depwatch:PackageIndexes:0"] = PackageIndexFixtures.PathOf(PackageIndexFixtures.DebianMain) });

        var html = "";
        for (var tries = 0; tries < 300 && !html.Contains("CVE-2024-90001", StringComparison.Ordinal); tries++)
        {
            await Task.Delay(100);
            html = (await _client!.GetAsync($"/projects/{project}")).Html;
        }

        Assert.Contains("CVE-2024-90001", html, StringComparison.Ordinal);
        Assert.Null(Warning(html));
    }

    private async Task<Guid> StartAndUploadAsync(Dictionary<string, string?> settings)
    {
        settings["Depwatch:Trivy:BaseUrl"] = trivy.BaseUrl.ToString();
        settings["Depwatch:Trivy:ApiToken"] = trivy.Token;
        _app = await WebUiApplication.StartAsync(settings: settings);
        await _app.CreateRootAsync();
        _client = await _app.SignedInClientAsync(Users.Root);
        using var api = new ApiClient(_app);
        return await api.UploadAndWaitAsync("bare", "1.0", BareOpenssl);
    }

    private static string? Warning(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"source-warning\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
