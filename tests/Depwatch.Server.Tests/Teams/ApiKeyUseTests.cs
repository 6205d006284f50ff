using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Depwatch.Server.Tests.Teams;

/// <summary>What using a key leaves behind: when it was last used, and a log that stays short however many wrong keys arrive.</summary>
public abstract class ApiKeyUseTests(StorageKind storage) : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new();
    private readonly LogRecorder _log = new(LogLevel.Information);
    private DepwatchApplication _app = null!;

    [Fact]
    public async Task A_keys_last_use_is_recorded_to_the_minute()
    {
        var (team, key) = await TeamKeys.CreateAsync(_app, "VIEW_PORTFOLIO");
        Assert.Null(await LastUsedAsync(team));

        var firstUse = _clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient(key).GetAsync("/api/v1/project")).StatusCode);
        var recorded = await LastUsedAsync(team);
        Assert.InRange(recorded!.Value, firstUse.ToUnixTimeMilliseconds() - 1, _clock.GetUtcNow().ToUnixTimeMilliseconds());

        _clock.Advance(TimeSpan.FromSeconds(30));
        await _app.CreateClient(key).GetAsync("/api/v1/project");
        Assert.Equal(recorded, await LastUsedAsync(team));

        _clock.Advance(TimeSpan.FromMinutes(2));
        var later = _clock.GetUtcNow();
        await _app.CreateClient(key).GetAsync("/api/v1/project");
        Assert.True(await LastUsedAsync(team) >= later.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_flood_of_wrong_keys_adds_a_line_or_two_to_the_log_not_one_per_request()
    {
        var before = _log.Entries.Count;
        var client = _app.CreateClient("dwk_Unknown1_0123456789abcdefghijABCDEFGHIJ");
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/project")).StatusCode);
        }

        var burst = _log.Entries.Skip(before).ToList();
        Assert.Single(burst, entry => entry.Contains("API key that is not valid", StringComparison.Ordinal));
        Assert.True(burst.Count <= 2, string.Join('\n', burst));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await client.GetAsync("/api/v1/project");
        Assert.Contains(_log.Entries, entry => entry.Contains("Refused 499 more requests with API keys that are not valid", StringComparison.Ordinal));
    }

    private async Task<long?> LastUsedAsync(string teamUuid)
    {
        var teams = await _app.CreateClient().GetFromJsonAsync<JsonArray>("/api/v1/team");
        var key = teams!.Single(t => (string?)t!["uuid"] == teamUuid)!["apiKeys"]!.AsArray().Single()!;
        return (long?)key["lastUsed"];
    }

    public async Task InitializeAsync() => _app = await DepwatchApplication.StartAsync(storage, services: services =>
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ILoggerProvider>(_log);
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class ApiKeyUseOnSqlite() : ApiKeyUseTests(StorageKind.Sqlite);

public sealed class ApiKeyUseOnPostgres() : ApiKeyUseTests(StorageKind.Postgres);
