using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depwatch.Server.Tests.Support;

namespace Depwatch.Server.Tests.Configuration;

public abstract class ConfigPropertyApiTests(StorageKind storage) : IAsyncLifetime
{
    private DepwatchApplication _app = null!;
    private HttpClient _client = null!;

    [Fact]
    public async Task The_Trivy_properties_exist_from_the_start_with_their_defaults_sorted_by_group_and_name()
    {
        var properties = await _client.GetFromJsonAsync<JsonArray>("/api/v1/configProperty");

        var scanner = properties!.Select(p => p!.AsObject()).Where(p => (string?)p["groupName"] == "scanner")
            .Select(p => ((string?)p["propertyName"], (string?)p["propertyType"], (string?)p["propertyValue"]));
        Assert.Equal(
        [
            ("trivy.api.token", "ENCRYPTEDSTRING", "HiddenDecryptedPropertyPlaceholder"),
            ("trivy.base.url", "URL", null),
            ("trivy.enabled", "BOOLEAN", "false"),
            ("trivy.ignore.unfixed", "BOOLEAN", "false"),
            ("trivy.scanner.scanLibrary", "BOOLEAN", "true"),
            ("trivy.scanner.scanOs", "BOOLEAN", "true"),
            ("trivy.token.header", "STRING", "Trivy-Token"),
        ], scanner);
        Assert.All(properties!, p => Assert.False(string.IsNullOrWhiteSpace((string?)p!["description"])));
        Assert.False(properties!.Single(p => (string?)p!["propertyName"] == "trivy.base.url")!.AsObject().ContainsKey("propertyValue"));
    }

    [Theory]
    [InlineData("BOOLEAN", "TRUE", "true")]
    [InlineData("BOOLEAN", "1", "true")]
    [InlineData("BOOLEAN", "yes", "false")]
    [InlineData("BOOLEAN", null, "false")]
    [InlineData("INTEGER", "42", "42")]
    [InlineData("INTEGER", "-7", "-7")]
    [InlineData("NUMBER", "4.25", "4.25")]
    [InlineData("NUMBER", "-1e3", "-1e3")]
    [InlineData("URL", "https://trivy.example.com:8443/base", "https://trivy.example.com:8443/base")]
    [InlineData("URL", null, null)]
    [InlineData("UUID", "3f2504e0-4f89-41d3-9a0c-0305e82c3301", "3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    [InlineData("STRING", "any text at all", "any text at all")]
    [InlineData("TIMESTAMP", "1719996165121", "1719996165121")]
    public async Task A_value_that_fits_the_type_is_stored_in_its_normal_form(string type, string? sent, string? stored)
    {
        await ConfigPropertyDatabase.AddAsync(_app, "test", "property", type, "initial");

        var response = await _client.PostAsJsonAsync("/api/v1/configProperty", new { groupName = "test", propertyName = "property", propertyValue = sent });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(stored, (string?)body!["propertyValue"]);
        Assert.Equal(type, (string?)body["propertyType"]);
        Assert.Equal(stored, await ConfigPropertyDatabase.RawValueAsync(_app, "test", "property"));
    }

    [Theory]
    [InlineData("INTEGER", "4.2", "The property expected an integer and an integer was not sent.")]
    [InlineData("INTEGER", "99999999999", "The property expected an integer and an integer was not sent.")]
    [InlineData("INTEGER", null, "The property expected an integer and an integer was not sent.")]
    [InlineData("NUMBER", "four", "The property expected a number and a number was not sent.")]
    [InlineData("URL", "not a url", "The property expected a URL but the URL was malformed.")]
    [InlineData("URL", "trivy:8080", "The property expected a URL but the URL was malformed.")]
    [InlineData("URL", "ftp://trivy.example.com/", "The property expected a URL but the URL was malformed.")]
    [InlineData("UUID", "3f2504e0", "The property expected a UUID but a valid UUID was not sent.")]
    public async Task A_value_that_does_not_fit_the_type_is_refused_with_a_text_and_nothing_changes(string type, string? sent, string error)
    {
        await ConfigPropertyDatabase.AddAsync(_app, "test", "property", type, "initial");

        var response = await _client.PostAsJsonAsync("/api/v1/configProperty", new { groupName = "test", propertyName = "property", propertyValue = sent });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await response.Content.ReadAsStringAsync());
        Assert.Equal("initial", await ConfigPropertyDatabase.RawValueAsync(_app, "test", "property"));
    }

    [Fact]
    public async Task The_Trivy_token_header_must_be_an_http_header_name()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/configProperty",
            new { groupName = "scanner", propertyName = "trivy.token.header", propertyValue = "Trivy Token" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HTTP header name", await response.Content.ReadAsStringAsync());
        Assert.Equal("Trivy-Token", await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.token.header"));
    }

    [Fact]
    public async Task An_unknown_property_is_not_found()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/configProperty",
            new { groupName = "scanner", propertyName = "trivy.no.such.thing", propertyValue = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The config property could not be found.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Blank_names_and_control_characters_are_refused_field_by_field_without_echoing_the_value()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/configProperty",
            new { groupName = " ", propertyName = "trivy.api.token", propertyValue = "secret-with-newline\n" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(["groupName", "propertyValue"], errors!.Select(e => (string?)e!["path"]));
        Assert.All(errors!, e => Assert.False(string.IsNullOrEmpty((string?)e!["message"])));
        Assert.DoesNotContain("secret-with-newline", errors!.ToJsonString());
        Assert.Null(await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.api.token"));
    }

    [Fact]
    public async Task Aggregate_applies_each_item_and_answers_per_item()
    {
        await ConfigPropertyDatabase.AddAsync(_app, "test", "count", "INTEGER", "1");

        var response = await _client.PostAsJsonAsync("/api/v1/configProperty/aggregate", new object[]
        {
            new { groupName = "scanner", propertyName = "trivy.enabled", propertyValue = "true" },
            new { groupName = "scanner", propertyName = "trivy.missing", propertyValue = "x" },
            new { groupName = "test", propertyName = "count", propertyValue = "many" },
            new { groupName = "scanner", propertyName = "trivy.api.token", propertyValue = "HiddenDecryptedPropertyPlaceholder" },
            new { groupName = "scanner", propertyName = "trivy.base.url", propertyValue = "http://trivy:8080" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await response.Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal(5, results!.Count);
        Assert.Equal("true", (string?)results[0]!["propertyValue"]);
        Assert.Equal("The config property could not be found.", results[1]!.GetValue<string>());
        Assert.Equal("The property expected an integer and an integer was not sent.", results[2]!.GetValue<string>());
        Assert.Null(results[3]);
        Assert.Equal("http://trivy:8080", (string?)results[4]!["propertyValue"]);
        Assert.Equal("true", await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.enabled"));
        Assert.Equal("1", await ConfigPropertyDatabase.RawValueAsync(_app, "test", "count"));
        Assert.Equal("http://trivy:8080", await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.base.url"));
    }

    [Fact]
    public async Task Aggregate_with_one_malformed_item_changes_nothing()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/configProperty/aggregate", new object[]
        {
            new { groupName = "scanner", propertyName = "trivy.enabled", propertyValue = "true" },
            new { groupName = "scanner", propertyName = "", propertyValue = "x" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await response.Content.ReadFromJsonAsync<JsonArray>();
        Assert.Equal("[1].propertyName", (string?)errors!.Single()!["path"]);
        Assert.Equal("false", await ConfigPropertyDatabase.RawValueAsync(_app, "scanner", "trivy.enabled"));
    }

    public async Task InitializeAsync()
    {
        _app = await DepwatchApplication.StartAsync(storage);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

public sealed class ConfigPropertyApiOnSqlite() : ConfigPropertyApiTests(StorageKind.Sqlite);

public sealed class ConfigPropertyApiOnPostgres() : ConfigPropertyApiTests(StorageKind.Postgres);
