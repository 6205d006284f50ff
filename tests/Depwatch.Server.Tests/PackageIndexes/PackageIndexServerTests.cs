using Depwatch.Server.PackageIndexes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.PackageIndexes;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.PackageIndexes;

/// <summary>
/// The server resolves the source packages of bare OS packages from package indexes: those configured in
/// <c>Depwatch:PackageIndexes</c>, and those it fetches from the mirrors in the background, never holding an analysis
/// back; a project analysed before its index arrives is analysed again when it does.
/// </summary>
public abstract class PackageIndexServerTests(StorageKind storage) : IAsyncLifetime
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    private TrivyServerInstance _trivy = null!;
    private MirrorServer _mirror = null!;
    private DepwatchApplication? _app;

    /// <summary>libssl3 and libc6 without their sources: openssl's two and glibc's two advisories apply.</summary>
    private static string BareDebian() => new BomBuilder("1.6")
        .WithOperatingSystem("debian", "12.5")
        .WithComponent("libssl3", "3.0.11-1~deb12u2", purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5")
        .WithComponent("libc6", "2.36-9+deb12u4", purl: "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5")
        .ToJson();

    private static readonly string[] s_expected = ["CVE-2024-90001", "CVE-2024-90002", "CVE-2024-90011", "CVE-2024-90012"];

    [Fact]
    public async Task Indexes_listed_in_the_settings_resolve_bare_packages()
    {
        var client = await StartAsync(new()
        {
            ["Depwatch:PackageIndexes:0"] = PackageIndexFixtures.PathOf(PackageIndexFixtures.DebianMain),
            ["Depwatch:PackageIndexes:1"] = _mirror.UrlOf(PackageIndexFixtures.DebianSecurity).ToString(),
            ["Depwatch:PackageIndexMirrors:AllowPrivateAddresses"] = "true",
        });

        var project = await UploadAsync(client);

        Assert.Equal(s_expected, await EventuallyFindingsAsync(client, project, s_expected.Length));
        Assert.Empty(await WarningsAsync(project));
        Assert.True(_mirror.CountOf(PackageIndexFixtures.DebianSecurity, 200) >= 1);
    }

    [Fact]
    public async Task A_project_analysed_before_the_mirror_answers_is_analysed_again_when_the_index_arrives()
    {
        _mirror.Unavailable = true;
        var client = await StartAsync(MirrorSettings());

        var project = await UploadAsync(client);
        await client.WaitForAnalysisStateAsync(project, "SUCCEEDED");
        Assert.Empty(await client.FindingsAsync(project));
        var warning = Assert.Single(await EventuallyAsync(() => WarningsAsync(project), w => w.Count == 1 && w[0].Contains("could not be fetched")));
        Assert.Contains("2 packages of Debian 12 (bookworm) name no source package", warning);
        Assert.Contains("503", warning);

        _mirror.Unavailable = false;

        Assert.Equal(s_expected, await EventuallyFindingsAsync(client, project, s_expected.Length));
        Assert.Empty(await WarningsAsync(project));
        Assert.Equal(1, _mirror.CountOf(PackageIndexFixtures.DebianMain, 200));
        Assert.All(_mirror.Requests, r => Assert.Equal("", r.Authorization));
    }

    [Fact]
    public async Task Unchanged_indexes_are_checked_with_conditional_gets_and_a_published_change_is_fetched_again()
    {
        var client = await StartAsync(MirrorSettings());
        var project = await UploadAsync(client);
        await EventuallyFindingsAsync(client, project, s_expected.Length);

        await EventuallyAsync(() => Task.FromResult(_mirror.CountOf(PackageIndexFixtures.DebianMain, 304)), count => count >= 1);
        Assert.Contains(_mirror.Requests, r => r.Path == PackageIndexFixtures.DebianMain && r.Status == 304 && r.IfNoneMatch.Length > 0);

        _mirror.Publish(PackageIndexFixtures.DebianMain, File.ReadAllBytes(PackageIndexFixtures.PathOf("debian/dists/bookworm/main/binary-amd64/Packages.gz")));
        await EventuallyAsync(() => Task.FromResult(_mirror.CountOf(PackageIndexFixtures.DebianMain, 200)), count => count == 2);
        Assert.Equal(s_expected, await EventuallyFindingsAsync(client, project, s_expected.Length));
    }

    [Fact]
    public async Task A_missing_or_cut_short_index_is_reported_and_the_analysis_goes_on()
    {
        _mirror.CutShort(PackageIndexFixtures.DebianMain);
        _mirror.CutShort(PackageIndexFixtures.DebianSecurity);
        var client = await StartAsync(MirrorSettings());

        var project = await UploadAsync(client);

        await client.WaitForAnalysisStateAsync(project, "SUCCEEDED");
        var warning = Assert.Single(await EventuallyAsync(() => WarningsAsync(project), w => w.Count == 1 && w[0].Contains("could not be fetched")));
        Assert.Contains("not a readable package index", warning);
        Assert.True(_mirror.CountOf("debian/dists/bookworm-updates/main/binary-amd64/Packages.xz", 404) >= 1);
        Assert.Empty(await client.FindingsAsync(project));
    }

    [Fact]
    public async Task A_mirror_without_the_releases_indexes_is_reported()
    {
        var settings = MirrorSettings();
        settings["Depwatch:PackageIndexMirrors:Debian"] = _mirror.UrlOf("elsewhere/").ToString();
        settings["Depwatch:PackageIndexMirrors:DebianSecurity"] = _mirror.UrlOf("elsewhere/").ToString();
        var client = await StartAsync(settings);

        var project = await UploadAsync(client);

        var warning = Assert.Single(await EventuallyAsync(() => WarningsAsync(project), w => w.Count == 1 && w[0].Contains("could not be fetched")));
        Assert.Contains("the mirrors have none of its 3 index files (404)", warning);
    }

    [Fact]
    public async Task Mirrors_on_internal_addresses_are_refused_unless_allowed()
    {
        var settings = MirrorSettings();
        settings.Remove("Depwatch:PackageIndexMirrors:AllowPrivateAddresses");
        var client = await StartAsync(settings);

        var project = await UploadAsync(client);

        var warning = Assert.Single(await EventuallyAsync(() => WarningsAsync(project), w => w.Count == 1 && w[0].Contains("could not be fetched")));
        Assert.Contains("is at the internal address 127.0.0.1, and Depwatch:PackageIndexMirrors:AllowPrivateAddresses is off", warning);
        Assert.Empty(_mirror.Requests);
    }

    [Fact]
    public async Task With_downloads_off_and_no_index_configured_the_project_says_how_to_supply_one()
    {
        var client = await StartAsync(new() { ["Depwatch:PackageIndexMirrors:Enabled"] = "false" });

        var project = await UploadAsync(client);
        await client.WaitForAnalysisStateAsync(project, "SUCCEEDED");

        var warning = Assert.Single(await WarningsAsync(project));
        Assert.Contains("no package index of debian-12 is at hand", warning);
        Assert.Contains("Depwatch:PackageIndexes", warning);
    }

    [Fact]
    public async Task A_configured_index_without_a_release_stops_the_server_saying_how_to_write_it()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AnalysisHost.StartAsync(storage, _trivy,
            new Dictionary<string, string?> { ["Depwatch:PackageIndexes:0"] = "/srv/Packages.xz" }));

        Assert.Contains("Depwatch:PackageIndexes:0: cannot tell which release '/srv/Packages.xz' indexes: write it as RELEASE=LOCATION", failure.ToString());
    }

    private Dictionary<string, string?> MirrorSettings() => new()
    {
        ["Depwatch:PackageIndexMirrors:Enabled"] = "true",
        ["Depwatch:PackageIndexMirrors:Debian"] = _mirror.UrlOf("debian/").ToString(),
        ["Depwatch:PackageIndexMirrors:DebianSecurity"] = _mirror.UrlOf("debian-security/").ToString(),
        ["Depwatch:PackageIndexMirrors:AllowPrivateAddresses"] = "true",
        ["Depwatch:PackageIndexMirrors:RefreshInterval"] = "00:00:01",
    };

    private async Task<PortfolioClient> StartAsync(Dictionary<string, string?> settings)
    {
        _app = await AnalysisHost.StartAsync(storage, _trivy, settings);
        return new PortfolioClient(_app.CreateClient());
    }

    private static async Task<string> UploadAsync(PortfolioClient client) =>
        (await client.UploadAndWaitAsync("bare", "1.0", BareDebian()))["uuid"]!.GetValue<string>();

    private Task<IReadOnlyList<string>> WarningsAsync(string project) =>
        _app!.Services.GetRequiredService<ProjectSourceWarnings>().ForAsync(Guid.Parse(project), CancellationToken.None);

    private static async Task<string[]> EventuallyFindingsAsync(PortfolioClient client, string project, int count) =>
        await EventuallyAsync(async () => PortfolioClient.Summaries(await client.FindingsAsync(project)).Select(s => s.Split(' ')[1]).Order().ToArray(),
            ids => ids.Length >= count);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(100);
        }
    }

    public async Task InitializeAsync()
    {
        _trivy = await TrivyServerInstance.StartAsync();
        _mirror = await MirrorServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await _mirror.DisposeAsync();
        await _trivy.DisposeAsync();
    }
}

public sealed class PackageIndexServerOnSqlite() : PackageIndexServerTests(StorageKind.Sqlite);

public sealed class PackageIndexServerOnPostgres() : PackageIndexServerTests(StorageKind.Postgres);
