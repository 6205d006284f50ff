using Depwatch.Server.ManagedTrivy;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.TrivyDb;
using Depwatch.Testing.TrivyServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Depwatch.Server.Tests.Analysis;

/// <summary>
/// Depwatch running the real Trivy binary itself, over the fixture DB with updates off: it analyses with it, brings it
/// back when it dies, and leaves no Trivy behind when it stops, however it stops.
/// </summary>
public sealed class ManagedTrivyTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _cache = new("depwatch-managed-trivy-");
    private readonly LogRecorder _log = new(LogLevel.Debug);
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    private ManagedTrivyServer Managed => _app.Services.GetRequiredService<ManagedTrivyServer>();

    [Fact]
    public async Task Depwatch_runs_trivy_on_the_fixture_db_and_finds_its_vulnerabilities_without_logging_the_token()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());

        var findings = (await _client.FindingsAsync(project["uuid"]!.GetValue<string>()))
            .Select(f => f!["vulnerability"]!["vulnId"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["CVE-2024-90001", "CVE-2024-90002", "CVE-2025-90101", "GHSA-r4q8-vxc6-wjf5"], findings);
        var status = await RunningAsync();
        Assert.Equal(TrivyDbBuilder.UpdatedAt, status.Database?.UpdatedAt);
        var token = (await Managed.ConnectionAsync(CancellationToken.None))!.Token;
        Assert.Contains(_log.Entries, entry => entry.Contains($"pid {status.ProcessId}", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Entries, entry => entry.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_killed_trivy_is_restarted_and_the_analysis_it_missed_completes()
    {
        var project = await _client.UploadAndWaitAsync("shop", "1.0.0", TestBoms.DebianAndNpm());
        var uuid = project["uuid"]!.GetValue<string>();
        var before = await _client.FindingsAsync(uuid);
        var killed = (await RunningAsync()).ProcessId!.Value;

        System.Diagnostics.Process.GetProcessById(killed).Kill();
        var token = await _client.AnalyzeAsync(uuid);
        await _client.WaitForTokenAsync(token);

        var after = await _client.WaitForAnalysisStateAsync(uuid, "SUCCEEDED");
        Assert.True(after["lastVulnerabilityAnalysis"]!.GetValue<long>() > project["lastVulnerabilityAnalysis"]!.GetValue<long>());
        Assert.Equal(before.ToJsonString(), (await _client.FindingsAsync(uuid)).ToJsonString());
        var restarted = await RunningAsync();
        Assert.True(restarted.Restarts >= 1);
        Assert.NotEqual(killed, restarted.ProcessId);
        Assert.Contains(_log.Entries, entry => entry.Contains($"pid {killed}) stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_depwatch_stops_its_trivy()
    {
        var pid = (await RunningAsync()).ProcessId!.Value;

        await _app.DisposeAsync();

        await ProcessTable.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(15));
    }

    public async Task InitializeAsync()
    {
        TrivyDbBuilder.Build(_cache.Path, TrivyDbBuilder.DefaultFixtureFiles());
        _app = await DepwatchApplication.StartAsync(StorageKind.Sqlite, Settings(_cache.Path).ToDictionary(s => s.Key.Replace("__", ":"), s => s.Value),
            services: s => s.AddSingleton<ILoggerProvider>(_log));
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _cache.Dispose();
    }

    /// <summary>Managed Trivy over a cache folder holding the fixture DB, as environment variables.</summary>
    internal static Dictionary<string, string?> Settings(string cacheDirectory) => new()
    {
        ["Depwatch__Trivy__Managed"] = "true",
        ["Depwatch__Trivy__Executable"] = TrivyBinary.Path,
        ["Depwatch__Trivy__CacheDirectory"] = cacheDirectory,
        ["Depwatch__Trivy__SkipDbUpdate"] = "true",
    };

    private async Task<ManagedTrivyStatus> RunningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            if (Managed.Status is { State: ManagedTrivyState.Running } running)
            {
                return running;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the managed Trivy server is not running: {Managed.Status}");
            await Task.Delay(100);
        }
    }
}

/// <summary>The server as its own process, killed outright: the Trivy it ran goes with it.</summary>
public sealed class ManagedTrivyProcessTests
{
    [Fact]
    public async Task Killing_depwatch_outright_leaves_no_trivy_running()
    {
        using var cache = new TemporaryDirectory("depwatch-managed-trivy-");
        using var data = new TemporaryDirectory("depwatch-process-");
        TrivyDbBuilder.Build(cache.Path, TrivyDbBuilder.DefaultFixtureFiles());
        var environment = ManagedTrivyTests.Settings(cache.Path);
        environment["Depwatch__DataDirectory"] = data.Path;
        environment["Depwatch__PackageIndexMirrors__Enabled"] = "false";
        await using var server = await DepwatchServerProcess.StartBuiltAsync(environment);
        var pid = await TrivyPidAsync(server);

        System.Diagnostics.Process.GetProcessById(server.ProcessId).Kill(entireProcessTree: false);

        await ProcessTable.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(15));
    }

    private static async Task<int> TrivyPidAsync(DepwatchServerProcess server)
    {
        var serving = new System.Text.RegularExpressions.Regex(@"managed Trivy server \(pid (\d+)\) is serving");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (serving.Match(server.Output) is { Success: false })
        {
            Assert.True(DateTime.UtcNow < deadline, $"Depwatch did not report its Trivy serving:\n{server.Output}");
            await Task.Delay(100);
        }
        return int.Parse(serving.Match(server.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Linux's view of whether a process still runs; a zombie waiting for its parent to reap it does not.</summary>
internal static class ProcessTable
{
    public static async Task WaitUntilGoneAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"process {pid} still runs {timeout.TotalSeconds} s later");
            await Task.Delay(100);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
