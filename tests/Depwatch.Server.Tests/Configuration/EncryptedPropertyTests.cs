using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depwatch.Server.Analysis;
using Depwatch.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Configuration;

public abstract class EncryptedPropertyTests(StorageKind storage) : IAsyncLifetime
{
    private const string Token = "tok-9f8e7d6c5b4a-very-secret";
    private const string Placeholder = "HiddenDecryptedPropertyPlaceholder";

    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task The_token_is_stored_encrypted_and_answered_only_as_the_placeholder()
    {
        var update = await SetTokenAsync(Token);
        var list = await _client.GetStringAsync("/api/v1/configProperty");
        var aggregate = await _client.PostAsJsonAsync("/api/v1/configProperty/aggregate",
            new[] { new { groupName = "scanner", propertyName = "trivy.api.token", propertyValue = Token + "-2" } });

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aggregate.StatusCode);
        var bodies = new[] { await update.Content.ReadAsStringAsync(), list, await aggregate.Content.ReadAsStringAsync() };
        Assert.All(bodies, body => Assert.DoesNotContain(Token, body));
        Assert.All(bodies, body => Assert.Contains(Placeholder, body));
        var raw = await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.api.token");
        Assert.NotNull(raw);
        Assert.DoesNotContain(Token, raw);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)), raw);
        Assert.Equal(Token + "-2", (await TrivyOptionsAsync())!.ApiToken);
    }

    [Fact]
    public async Task The_token_appears_nowhere_in_the_database()
    {
        await SetTokenAsync(Token);

        Assert.False(await ConfigPropertyDatabase.ContainsAnywhereAsync(_app, Token));
        Assert.True(await ConfigPropertyDatabase.ContainsAnywhereAsync(_app, "trivy.invalid"), "the search finds plain values");
    }

    [Fact]
    public async Task Posting_the_placeholder_back_answers_304_and_keeps_the_token()
    {
        await SetTokenAsync(Token);
        var before = await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.api.token");

        var response = await SetTokenAsync(Placeholder);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(before, await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.api.token"));
        Assert.Equal(Token, (await TrivyOptionsAsync())!.ApiToken);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Posting_null_or_nothing_clears_the_token(string? empty)
    {
        await SetTokenAsync(Token);

        var response = await SetTokenAsync(empty);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Placeholder, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["propertyValue"]);
        Assert.Null(await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.api.token"));
        Assert.Null((await TrivyOptionsAsync())!.ApiToken);
    }

    [Fact]
    public async Task Encrypting_the_same_token_twice_gives_different_ciphertexts()
    {
        await SetTokenAsync(Token);
        var first = await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.api.token");
        await SetTokenAsync(Token);

        Assert.NotEqual(first, await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.api.token"));
    }

    [Fact]
    public async Task The_key_file_is_created_once_and_readable_only_by_its_owner()
    {
        var file = Path.Combine(_app.DataDirectory, "secret.key");

        Assert.Equal(32, Convert.FromBase64String((await File.ReadAllTextAsync(file)).Trim()).Length);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private async Task<HttpResponseMessage> SetTokenAsync(string? token)
    {
        await _client.PostAsJsonAsync("/api/v1/configProperty/aggregate", new[]
        {
            new { groupName = "scanner", propertyName = "trivy.enabled", propertyValue = "true" },
            new { groupName = "scanner", propertyName = "trivy.base.url", propertyValue = "http://trivy.invalid:8080" },
        });
        return await _client.PostAsJsonAsync("/api/v1/configProperty", new { groupName = "scanner", propertyName = "trivy.api.token", propertyValue = token });
    }

    private Task<Depwatch.Trivy.TrivyOptions?> TrivyOptionsAsync() =>
        _app.Services.GetRequiredService<ITrivyConfiguration>().GetOptionsAsync(CancellationToken.None);

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class EncryptedPropertyOnSqlite() : EncryptedPropertyTests(StorageKind.Sqlite);

public sealed class EncryptedPropertyOnPostgres() : EncryptedPropertyTests(StorageKind.Postgres);
