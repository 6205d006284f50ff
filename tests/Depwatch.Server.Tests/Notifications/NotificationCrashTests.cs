using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Jobs;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.DepwatchServer;
using Depwatch.Testing.Notifications;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Notifications;

/// <summary>
/// The real server process killed with SIGKILL after events were committed and before they were delivered: started
/// again, it delivers every one of them, once.
/// </summary>
public abstract class NotificationCrashTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private const string AdminKey = "dwk_Notify01_0123456789abcdefghijABCDEFGHIJKL";
    private const int Uploads = 4;
    private static readonly Dictionary<string, string?> s_settings = new()
    {
        ["Depwatch__Notifications__AllowPrivateAddresses"] = "true",
        ["Depwatch__Notifications__PollInterval"] = "00:00:00.200",
        ["Depwatch__Notifications__RetryBaseDelay"] = "00:00:00.200",
        ["Depwatch__Notifications__RetryMaxDelay"] = "00:00:01",
        ["Depwatch__Notifications__Lease"] = "00:00:05",
        ["Depwatch__Notifications__MaxAttempts"] = "1000",
    };

    private ServerProcessStorage _storage = null!;

    [Fact]
    public async Task Notifications_committed_before_a_kill_are_all_delivered_once_after_the_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        string ruleId;
        var names = Enumerable.Range(1, Uploads).Select(n => $"crash-{n}").ToList();
        await using (var server = await _storage.StartAsync(AdminKey, trivy, s_settings))
        {
            var client = Client(server);
            ruleId = (string)(await NotificationApi.CreateRuleAsync(client.Http, NotificationApi.Webhook, receiver.BaseUrl.ToString(), ["BOM_PROCESSED"]))["uuid"]!;
            await receiver.StopAsync();
            foreach (var name in names)
            {
                await client.UploadAndWaitAsync(name, "1.0", TestBoms.Npm(("left-pad", "1.3.0")));
            }
            await JobDatabase.WaitUntilAsync(async () => (await NotificationApi.RuleAsync(client.Http, ruleId))["lastError"] is not null, "a failed delivery");
            Assert.Equal(Uploads, (int)(await NotificationApi.RuleAsync(client.Http, ruleId))["pendingCount"]!);
            await server.KillAsync();
        }
        await receiver.StartAgainAsync();

        await using var again = await _storage.StartAsync(AdminKey, trivy, s_settings);
        await receiver.WaitForAsync(_ => true, Uploads);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var delivered = receiver.Received.Select(r => JsonNode.Parse(r.Body)!["notification"]!["subject"]!["project"]!["name"]!.GetValue<string>()).Order();
        Assert.Equal(names, delivered);
        Assert.Equal(0, (int)(await NotificationApi.RuleAsync(Client(again).Http, ruleId))["pendingCount"]!);
    }

    private static PortfolioClient Client(DepwatchServerProcess server)
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return new PortfolioClient(http);
    }

    public async Task InitializeAsync() => _storage = await ServerProcessStorage.CreateAsync(storage);

    public async Task DisposeAsync() => await _storage.DisposeAsync();
}

[Collection(TrivyCollection.Name)]
public sealed class NotificationCrashOnSqlite(TrivyServerFixture trivy) : NotificationCrashTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class NotificationCrashOnPostgres(TrivyServerFixture trivy) : NotificationCrashTests(StorageKind.Postgres, trivy);
