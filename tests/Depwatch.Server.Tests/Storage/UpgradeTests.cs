using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Analysis;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Server.Web.SignIn;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.TrivyServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Storage;

/// <summary>
/// A database written by the last release before schema migrations is upgraded in place by the current server and
/// serves what that release served: projects, components, findings, metrics, teams, keys, users, the Trivy token.
/// Every later migration must keep these passing (and, where it changes what is stored, add to them).
/// </summary>
public abstract class UpgradeTests(StorageKind storage)
{
    private static readonly HashSet<string> s_changesWithUse = ["lastUsed"];
    private static readonly HashSet<string> s_grownByUpgrades = ["permissions"];

    private static string PropertyKey(JsonNode? property) => $"{property!["groupName"]}/{property["propertyName"]}";

    [Fact]
    public async Task The_upgraded_database_serves_every_project_component_finding_metric_and_team_as_the_release_did()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        await using var app = await release.StartServerAsync();
        using var http = app.CreateClient(ReleaseDatabase.AdminKey);

        var projects = release.Expected("projects.json").AsArray();
        JsonSubset.AssertContains(projects, await GetAsync(http, "/api/v1/project"), s_changesWithUse);
        Assert.Equal(2, projects.Count);
        foreach (var uuid in projects.Select(p => (string)p!["uuid"]!))
        {
            foreach (var (file, path) in new[] {
                ($"components-{uuid}.json", $"/api/v1/component/project/{uuid}"),
                ($"findings-{uuid}.json", $"/api/v1/finding/project/{uuid}"),
                ($"metrics-{uuid}.json", $"/api/v1/metrics/project/{uuid}/current") })
            {
                JsonSubset.AssertContains(release.Expected(file), await GetAsync(http, path), s_changesWithUse, file);
            }
        }
        // Administrators gain the permissions later versions add; nobody loses one.
        JsonSubset.AssertContains(release.Expected("teams.json"), await GetAsync(http, "/api/v1/team"), s_changesWithUse, "teams.json", s_grownByUpgrades);
        // Every setting the release had keeps its value; settings later versions add come with their defaults.
        var expectedProperties = release.Expected("config-properties.json").AsArray();
        var properties = (await GetAsync(http, "/api/v1/configProperty"))!.AsArray();
        var released = expectedProperties.Select(PropertyKey).ToHashSet();
        JsonSubset.AssertContains(expectedProperties, new JsonArray([.. properties.Where(p => released.Contains(PropertyKey(p))).Select(p => p!.DeepClone())]), s_changesWithUse);
        Assert.Equal("false", (string?)properties.Single(p => PropertyKey(p) == "general/badge.enabled")!["propertyValue"]);
    }

    [Fact]
    public async Task Keys_and_passwords_made_by_the_release_still_sign_in()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        await using var app = await release.StartServerAsync();

        using var pipeline = app.CreateClient(release.ExpectedText("pipeline-key.txt"));
        Assert.Equal(HttpStatusCode.OK, (await pipeline.GetAsync("/api/v1/project")).StatusCode);
        using var revoked = app.CreateClient(release.ExpectedText("pipeline-key.txt") + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("/api/v1/project")).StatusCode);

        using var admin = app.CreateClient(ReleaseDatabase.AdminKey);
        var permissions = await admin.GetFromJsonAsync<JsonObject>("/api/v1/team/self");
        var held = permissions!["permissions"]!.AsArray().Select(p => (string?)p!["name"]).ToList();
        Assert.Contains("VULNERABILITY_ANALYSIS", held);
        Assert.Contains("VIEW_BADGES", held);

        var users = app.Services.GetRequiredService<UserSignIn>();
        Assert.IsType<SignInOutcome.Success>(await users.SignInAsync("admin", ReleaseDatabase.AdminPassword, System.Net.IPAddress.Loopback, CancellationToken.None));
    }

    [Fact]
    public async Task The_release_s_encrypted_Trivy_token_still_reaches_Trivy_and_new_uploads_are_analysed()
    {
        await using var trivy = await TrivyServerInstance.StartAsync(new TrivyServerOptions { Token = ReleaseDatabase.TrivyToken });
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        await using var app = await release.StartServerAsync();
        var options = await app.Services.GetRequiredService<ITrivyConfiguration>().GetOptionsAsync(CancellationToken.None);
        Assert.Equal(ReleaseDatabase.TrivyToken, options!.ApiToken);

        // Only the URL changes: the token Trivy checks is the one the release stored.
        using var http = app.CreateClient(ReleaseDatabase.AdminKey);
        var moved = await http.PostAsJsonAsync("/api/v1/configProperty",
            new { groupName = "scanner", propertyName = "trivy.base.url", propertyValue = trivy.BaseUrl.ToString() });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var portfolio = new PortfolioClient(http);
        var shop = await portfolio.LookupAsync("shop", "1.0");
        var shopUuid = (string)shop["uuid"]!;

        // The upload brings minimist back: the finding the release resolved is reported again.
        var bom = await File.ReadAllTextAsync(RepositoryRoot.PathOf("testdata", "upgrade", "boms", "shop-1.json"));
        await portfolio.UploadAndWaitAsync("shop", "1.0", bom);

        var analysed = await portfolio.LookupAsync("shop", "1.0");
        Assert.True((string?)analysed["lastAnalysisState"] is null or "SUCCEEDED", analysed.ToJsonString());
        var findings = PortfolioClient.Summaries(await portfolio.FindingsAsync(shopUuid));
        var before = PortfolioClient.Summaries(release.Expected($"findings-{shopUuid}.json").AsArray());
        Assert.Superset(before.ToHashSet(), findings.ToHashSet());
        Assert.Contains(findings, f => f.Contains("minimist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tracker_advisory_the_release_filed_under_its_distribution_is_filed_under_OSV_with_its_findings()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        // The release filed Debian's TEMP- names under DEBIAN; this version files them under OSV, as Dependency-Track does.
        await release.ExecuteAsync("UPDATE \"Vulnerabilities\" SET \"Source\" = 'DEBIAN', \"VulnId\" = 'TEMP-0000000-90012A' WHERE \"VulnId\" = 'CVE-2024-90012'");
        await using var app = await release.StartServerAsync();
        using var http = app.CreateClient(ReleaseDatabase.AdminKey);

        var vulnerability = await GetAsync(http, "/api/v1/vulnerability/source/OSV/vuln/TEMP-0000000-90012A");
        var worker = (string)release.Expected("projects.json").AsArray().Single(p => (string?)p!["name"] == "shop-worker")!["uuid"]!;
        var findings = (await GetAsync(http, $"/api/v1/finding/project/{worker}"))!.AsArray();
        var finding = findings.Single(f => (string?)f!["vulnerability"]!["vulnId"] == "TEMP-0000000-90012A")!;
        Assert.Equal("OSV", (string?)finding["vulnerability"]!["source"]);
        Assert.Equal((string?)vulnerability!["uuid"], (string?)finding["vulnerability"]!["uuid"]);
    }

    [Fact]
    public async Task Every_migration_is_recorded_once_after_the_upgrade()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        await using var app = await release.StartServerAsync();
        await using var db = JobDatabase.Open(app);

        var all = db.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();
        Assert.Equal(all, (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_database_missing_a_table_of_the_release_is_refused_with_the_reason_and_left_as_it_was()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        await release.ExecuteAsync("DROP TABLE \"ProjectTags\"");

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => release.StartServerAsync());

        var messages = string.Join(" | ", Messages(refused));
        Assert.Contains("The database cannot be upgraded: it has some of Depwatch's tables but not ProjectTags", messages);
        Assert.Contains("Point Depwatch:Storage at a new database", messages);
        // Nothing was written: the operator can still restore the table and upgrade from the release.
        Assert.False(await release.TableExistsAsync("__EFMigrationsHistory"));
    }

    [Fact]
    public async Task With_migration_at_start_up_off_the_server_refuses_an_old_schema_and_names_the_command()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => release.StartServerAsync(new Dictionary<string, string?>
        {
            ["Depwatch:Storage:MigrateAtStartup"] = "false",
        }));
        Assert.Contains("run `depwatch-server migrate`", string.Join(" | ", Messages(refused)));
    }

    [Fact]
    public async Task The_migrate_command_upgrades_the_database_for_a_server_that_does_not()
    {
        await using var release = await ReleaseDatabase.RestoreAsync(storage);
        var environment = new Dictionary<string, string?>
        {
            ["Depwatch__DataDirectory"] = release.DataDirectory,
            ["Depwatch__Storage__Provider"] = storage == StorageKind.Postgres ? "postgres" : "sqlite",
            ["Depwatch__Storage__ConnectionString"] = release.ConnectionString,
        };

        var migrate = await DepwatchServerProcess.RunBuiltAsync(["migrate"], environment);

        Assert.True(migrate.ExitCode == 0, migrate.StandardOutput + migrate.StandardError);
        Assert.Contains("The database schema is up to date.", migrate.StandardOutput);
        await using var app = await release.StartServerAsync(new Dictionary<string, string?> { ["Depwatch:Storage:MigrateAtStartup"] = "false" });
        using var http = app.CreateClient(ReleaseDatabase.AdminKey);
        JsonSubset.AssertContains(release.Expected("projects.json"), await GetAsync(http, "/api/v1/project"), s_changesWithUse);
    }

    private static async Task<JsonNode?> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> Messages(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }
}

public sealed class UpgradeOnSqlite() : UpgradeTests(StorageKind.Sqlite);

public sealed class UpgradeOnPostgres() : UpgradeTests(StorageKind.Postgres);
