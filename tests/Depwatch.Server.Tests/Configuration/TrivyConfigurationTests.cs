using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Analysis;
using Depwatch.Server.Secrets;
using Depwatch.Server.Tests.Support;
using Depwatch.Trivy;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Configuration;

public abstract class TrivyConfigurationTests(StorageKind storage)
{
    [Fact]
    public async Task Trivy_is_off_until_enabled_with_a_base_url()
    {
        await using var app = await DepwatchApplication.StartAsync(storage);
        var client = app.CreateClient();

        Assert.Null(await OptionsAsync(app));
        await SetAsync(client, "trivy.enabled", "true");
        Assert.Null(await OptionsAsync(app));
        await SetAsync(client, "trivy.base.url", "http://trivy.internal:8080");
        Assert.Equal(new Uri("http://trivy.internal:8080"), (await OptionsAsync(app))!.BaseUrl);
        await SetAsync(client, "trivy.enabled", "false");
        Assert.Null(await OptionsAsync(app));
    }

    [Fact]
    public async Task Every_property_reaches_the_analyzer_options_on_the_next_call()
    {
        await using var app = await DepwatchApplication.StartAsync(storage);
        var client = app.CreateClient();
        await SetAsync(client, "trivy.enabled", "true");
        await SetAsync(client, "trivy.base.url", "https://trivy.internal");

        var defaults = await OptionsAsync(app);
        await SetAsync(client, "trivy.api.token", "t0ken");
        await SetAsync(client, "trivy.token.header", "X-Trivy-Auth");
        await SetAsync(client, "trivy.ignore.unfixed", "true");
        await SetAsync(client, "trivy.scanner.scanOs", "false");
        var changed = await OptionsAsync(app);
        await SetAsync(client, "trivy.scanner.scanOs", "true");
        await SetAsync(client, "trivy.scanner.scanLibrary", "false");
        var librariesOff = await OptionsAsync(app);

        Assert.Equal((null, "Trivy-Token", false, true, true), Summary(defaults!));
        Assert.Equal(("t0ken", "X-Trivy-Auth", true, true, false), Summary(changed!));
        Assert.Equal(("t0ken", "X-Trivy-Auth", true, false, true), Summary(librariesOff!));
    }

    [Fact]
    public async Task Settings_from_configuration_are_stored_at_start_up_with_the_token_encrypted()
    {
        await using var app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:BaseUrl"] = "http://trivy:8080",
            ["Depwatch:Trivy:ApiToken"] = "from-the-environment",
            ["Depwatch:Trivy:TokenHeader"] = "X-Trivy",
            ["Depwatch:Trivy:IgnoreUnfixed"] = "true",
            ["Depwatch:Trivy:ScanOs"] = "false",
        });

        var properties = await app.CreateClient().GetFromJsonAsync<JsonArray>("/api/v1/configProperty");

        var values = properties!.ToDictionary(p => (string)p!["propertyName"]!, p => (string?)p!["propertyValue"]);
        Assert.Equal("true", values["trivy.enabled"]);
        Assert.Equal("http://trivy:8080", values["trivy.base.url"]);
        Assert.Equal("HiddenDecryptedPropertyPlaceholder", values["trivy.api.token"]);
        Assert.Equal("X-Trivy", values["trivy.token.header"]);
        Assert.Equal("true", values["trivy.ignore.unfixed"]);
        Assert.Equal("true", values["trivy.scanner.scanLibrary"]);
        Assert.Equal("false", values["trivy.scanner.scanOs"]);
        Assert.DoesNotContain("from-the-environment", await ConfigPropertyDatabase.RawValueAsync(app, "scanner", "trivy.api.token"));
        Assert.Equal(("from-the-environment", "X-Trivy", true, true, false), Summary((await OptionsAsync(app))!));
    }

    [Fact]
    public async Task Configuration_can_keep_the_analyzer_disabled_while_giving_its_address()
    {
        await using var app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:BaseUrl"] = "http://trivy:8080",
            ["Depwatch:Trivy:Enabled"] = "false",
        });

        Assert.Null(await OptionsAsync(app));
        Assert.Equal("http://trivy:8080", await ConfigPropertyDatabase.RawValueAsync(app, "scanner", "trivy.base.url"));
    }

    [Fact]
    public async Task A_malformed_base_url_in_configuration_stops_the_server_with_a_clear_message()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await DepwatchApplication.StartAsync(storage, new Dictionary<string, string?> { ["Depwatch:Trivy:BaseUrl"] = "trivy:8080" });
        });

        Assert.Contains("Depwatch:Trivy:BaseUrl names 'trivy:8080', which is not an http:// or https:// URL", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_encrypted_by_an_instance_with_another_key_is_reported_not_guessed()
    {
        await using var first = await DepwatchApplication.StartAsync(storage);
        await SetAsync(first.CreateClient(), "trivy.enabled", "true");
        await SetAsync(first.CreateClient(), "trivy.base.url", "http://trivy:8080");
        await SetAsync(first.CreateClient(), "trivy.api.token", "t0ken");
        await using var second = await DepwatchApplication.StartAsync(storage, sharedConnectionString: SharedDatabase(first));

        var failure = await Assert.ThrowsAsync<SecretUnreadableException>(() => OptionsAsync(second));

        Assert.Contains("secret.key", failure.Message);
        Assert.DoesNotContain("t0ken", failure.ToString());
        Assert.Equal("t0ken", (await OptionsAsync(first))!.ApiToken);
    }

    private static string SharedDatabase(DepwatchApplication app) =>
        app.ConnectionString ?? $"Data Source={Path.Combine(app.DataDirectory, "depwatch.db")}";

    private static (string? Token, string Header, bool IgnoreUnfixed, bool Libraries, bool Os) Summary(TrivyOptions options) =>
        (options.ApiToken, options.TokenHeader, options.IgnoreUnfixed, options.ScanLibraries, options.ScanOsPackages);

    private static async Task SetAsync(HttpClient client, string property, string? value)
    {
        var response = await client.PostAsJsonAsync("/api/v1/configProperty", new { groupName = "scanner", propertyName = property, propertyValue = value });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<TrivyOptions?> OptionsAsync(DepwatchApplication app) =>
        app.Services.GetRequiredService<ITrivyConfiguration>().GetOptionsAsync(CancellationToken.None);
}

public sealed class TrivyConfigurationOnSqlite() : TrivyConfigurationTests(StorageKind.Sqlite);

public sealed class TrivyConfigurationOnPostgres() : TrivyConfigurationTests(StorageKind.Postgres);
