using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Compatibility;

/// <summary>
/// scripts/dt-client-compat.sh, which speaks to the server with curl exactly as Dependency-Track pipelines do,
/// against the real server binary on a real port, configured by environment variables, analysing with the real
/// Trivy server.
/// </summary>
public abstract class DtClientCompatibilityTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private const string AdminKey = "dwk_Compat01_0123456789abcdefghijABCDEFGHIJKL";
    private static readonly string s_script = RepositoryRoot.PathOf("scripts", "dt-client-compat.sh");

    private ServerProcessStorage _storage = null!;
    private DepwatchServerProcess _server = null!;

    [Fact]
    public async Task A_dependency_track_pipeline_uploads_waits_and_reads_the_findings_and_metrics()
    {
        var key = await CreatePipelineKeyAsync();

        var run = await RunScriptAsync(key, "shop", "1.0.0");

        Assert.True(run.ExitCode == 0, $"the script failed ({run.ExitCode}):\n{run.StandardError}\n{run.StandardOutput}\nserver:\n{_server.Output}");
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("findings: 4", lines[^1]);
        Assert.Equal(
            ["CVE-2024-90001  MEDIUM  libssl3@3.0.11-1~deb12u2", "CVE-2024-90002  LOW  libssl3@3.0.11-1~deb12u2",
                "CVE-2025-90101  HIGH  lodash@4.17.4", "GHSA-r4q8-vxc6-wjf5  CRITICAL  lodash@4.17.4"],
            lines.Where(l => l.StartsWith("CVE-", StringComparison.Ordinal) || l.StartsWith("GHSA-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_script_stops_with_a_clear_message_when_the_key_may_not_create_projects()
    {
        var key = await CreateKeyAsync("BOM_UPLOAD", "VIEW_PORTFOLIO", "VIEW_VULNERABILITY");

        var run = await RunScriptAsync(key, "unknown-project", "1.0.0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("POST /api/v1/bom (multipart): expected HTTP 200, got 401", run.StandardError);
        Assert.DoesNotContain(key, run.StandardError + run.StandardOutput);
    }

    private Task<string> CreatePipelineKeyAsync() =>
        CreateKeyAsync("BOM_UPLOAD", "PROJECT_CREATION_UPLOAD", "VIEW_PORTFOLIO", "VIEW_VULNERABILITY");

    private async Task<string> CreateKeyAsync(params string[] permissions)
    {
        using var admin = new HttpClient { BaseAddress = _server.BaseUrl };
        admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        var team = await admin.PutAsJsonAsync("api/v1/team", new { name = "Automation" });
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        var uuid = (string)(await team.Content.ReadFromJsonAsync<JsonObject>())!["uuid"]!;
        foreach (var permission in permissions)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/v1/permission/{permission}/team/{uuid}", null)).StatusCode);
        }
        var key = await admin.PutAsync($"api/v1/team/{uuid}/key", null);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return (string)(await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
    }

    private async Task<ProcessResult> RunScriptAsync(string key, string project, string version)
    {
        var bom = Path.Combine(_storage.WorkDirectory, "bom.json");
        await File.WriteAllTextAsync(bom, TestBoms.DebianAndNpm());
        return await ProcessRunner.RunAsync("bash",
            [s_script, "--url", _server.BaseUrl.ToString(), "--api-key", key, "--bom", bom, "--project", project, "--version", version],
            TimeSpan.FromMinutes(3));
    }

    public async Task InitializeAsync()
    {
        _storage = await ServerProcessStorage.CreateAsync(storage);
        _server = await _storage.StartAsync(AdminKey, trivy, new Dictionary<string, string?> { ["Depwatch__Analysis__PollInterval"] = "00:00:00.100" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _storage.DisposeAsync();
    }
}

[Collection(TrivyCollection.Name)]
public sealed class DtClientCompatibilityOnSqlite(TrivyServerFixture trivy) : DtClientCompatibilityTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class DtClientCompatibilityOnPostgres(TrivyServerFixture trivy) : DtClientCompatibilityTests(StorageKind.Postgres, trivy);
