using System.Net;
using System.Net.Http.Json;
using Depwatch.Server.Tests.Analysis;
using Depwatch.Server.Tests.Configuration;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Notifications;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests.Notifications;

/// <summary>E-mail notifications to a real SMTP server (python3-aiosmtpd): plain, and with STARTTLS and authentication required.</summary>
public abstract class EmailNotificationTests(StorageKind storage, TrivyServerFixture trivy) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private PortfolioClient _client = null!;

    [Fact]
    public async Task A_processed_BOM_is_mailed_to_the_rules_recipients()
    {
        await using var smtp = await SmtpReceiver.StartAsync(startTls: false);
        await ConfigureSmtpAsync(smtp.Port, encrypt: false);
        await NotificationApi.CreateRuleAsync(_client.Http, "Email", "ops@example.com, security@example.com", ["BOM_PROCESSED"]);

        await _client.UploadAndWaitAsync("mailed", "3.1", TestBoms.Npm(("left-pad", "1.3.0")));

        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Contains("X-Envelope-To: ops@example.com, security@example.com", message);
        Assert.Contains("Subject: [Depwatch] Bill of Materials Processed", message);
        Assert.Contains("From: Depwatch <depwatch@example.com>", message);
        Assert.Contains("Project: mailed 3.1", message);
    }

    [Fact]
    public async Task Mail_goes_over_STARTTLS_with_authentication_and_the_password_is_kept_encrypted()
    {
        await using var smtp = await SmtpReceiver.StartAsync(startTls: true);
        await ConfigureSmtpAsync(smtp.Port, encrypt: true, SmtpReceiver.User, SmtpReceiver.Password);

        var test = await _client.Http.PostAsync("/api/v1/notification/publisher/test/smtp",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["destination"] = "admin@example.com" }));

        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Contains("X-Authenticated: True", message);
        Assert.Contains("X-Tls: True", message);
        Assert.Contains("Subject: [Depwatch] Test notification", message);
        Assert.False(await ConfigPropertyDatabase.ContainsAnywhereAsync(_app, SmtpReceiver.Password));
    }

    [Fact]
    public async Task A_wrong_password_is_reported_without_the_password()
    {
        await using var smtp = await SmtpReceiver.StartAsync(startTls: true);
        await ConfigureSmtpAsync(smtp.Port, encrypt: true, SmtpReceiver.User, "wrong-password-xyz");

        var test = await _client.Http.PostAsync("/api/v1/notification/publisher/test/smtp",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["destination"] = "admin@example.com" }));

        Assert.Equal(HttpStatusCode.BadRequest, test.StatusCode);
        var text = await test.Content.ReadAsStringAsync();
        Assert.Contains("The test e-mail could not be sent", text);
        Assert.DoesNotContain("wrong-password-xyz", text);
        Assert.Empty(smtp.Messages);
    }

    private async Task ConfigureSmtpAsync(int port, bool encrypt, string? user = null, string? password = null)
    {
        var response = await _client.Http.PostAsJsonAsync("/api/v1/configProperty/aggregate", new object[]
        {
            Property("smtp.enabled", "true"), Property("smtp.from.address", "Depwatch <depwatch@example.com>"),
            Property("smtp.server.hostname", "127.0.0.1"), Property("smtp.server.port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Property("smtp.ssltls", encrypt ? "true" : "false"), Property("smtp.trustcert", "true"),
            Property("smtp.username", user), Property("smtp.password", password),
        });
        response.EnsureSuccessStatusCode();
    }

    private static object Property(string name, string? value) => new { groupName = "email", propertyName = name, propertyValue = value };

    public async Task InitializeAsync()
    {
        _app = await AnalysisHost.StartAsync(storage, trivy.Server, new Dictionary<string, string?>
        {
            ["Depwatch:Notifications:AllowPrivateAddresses"] = "true",
            ["Depwatch:Notifications:PollInterval"] = "00:00:00.100",
        });
        _client = new PortfolioClient(_app.CreateClient());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

[Collection(TrivyCollection.Name)]
public sealed class EmailNotificationOnSqlite(TrivyServerFixture trivy) : EmailNotificationTests(StorageKind.Sqlite, trivy);

[Collection(TrivyCollection.Name)]
public sealed class EmailNotificationOnPostgres(TrivyServerFixture trivy) : EmailNotificationTests(StorageKind.Postgres, trivy);
