using System.Net.Http.Headers;
using Depwatch.Server.Auth;
using Depwatch.Testing.Postgres;
using Depwatch.Testing.TrivyServer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Server.Tests.Support;

/// <summary>
/// The Depwatch server in-process, on a fresh SQLite file or a fresh PostgreSQL database, with a known
/// administrator key. Several instances may share one database (<see cref="StartAsync"/> with a connection string).
/// </summary>
public sealed class DepwatchApplication : WebApplicationFactory<Program>
{
    public const string AdminKey = "dwk_AdminKey_0123456789abcdefghijABCDEFGHIJ";

    private readonly Dictionary<string, string?> _settings;
    private readonly TemporaryDirectory _dataDirectory = new("depwatch-server-");
    private readonly PostgresDatabase? _ownedDatabase;
    private readonly Action<IServiceCollection>? _services;

    private DepwatchApplication(StorageKind storage, string? connectionString, PostgresDatabase? ownedDatabase, IDictionary<string, string?> settings,
        Action<IServiceCollection>? services)
    {
        _services = services;
        Storage = storage;
        ConnectionString = connectionString;
        _ownedDatabase = ownedDatabase;
        _settings = new Dictionary<string, string?>
        {
            ["Depwatch:DataDirectory"] = _dataDirectory.Path,
            // Tests reach no mirror on the internet; those about fetching indexes point the mirrors at a loopback one.
            ["Depwatch:PackageIndexMirrors:Enabled"] = "false",
            ["Depwatch:AdminApiKey"] = AdminKey,
            // A trivy program on the test machine's PATH must not start a Trivy server for every test; tests of that turn it on.
            ["Depwatch:Trivy:Managed"] = "false",
            ["Depwatch:Storage:Provider"] = storage == StorageKind.Postgres ? "postgres" : "sqlite",
            ["Depwatch:Storage:ConnectionString"] = connectionString,
            ["Depwatch:Analysis:PollInterval"] = "00:00:00.100",
            ["Depwatch:Analysis:RetryBaseDelay"] = "00:00:00.200",
            ["Depwatch:Analysis:RetryMaxDelay"] = "00:00:02",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public StorageKind Storage { get; }

    /// <summary>The database connection string; for SQLite, null until another instance should share the file.</summary>
    public string? ConnectionString { get; }

    public string DataDirectory => _dataDirectory.Path;

    /// <param name="settings">Configuration overrides, e.g. <c>Depwatch:Trivy:BaseUrl</c>.</param>
    /// <param name="sharedConnectionString">Join an existing database instead of creating one.</param>
    /// <param name="services">Registrations added after the server's own, e.g. a test job handler.</param>
    public static async Task<DepwatchApplication> StartAsync(
        StorageKind storage, IDictionary<string, string?>? settings = null, string? sharedConnectionString = null,
        Action<IServiceCollection>? services = null)
    {
        PostgresDatabase? database = null;
        var connectionString = sharedConnectionString;
        if (connectionString is null && storage == StorageKind.Postgres)
        {
            database = await PostgresDatabase.CreateAsync();
            connectionString = database.ConnectionString;
        }
        var application = new DepwatchApplication(storage, connectionString, database, settings ?? new Dictionary<string, string?>(), services);
        try
        {
            _ = application.Server;
        }
        catch
        {
            // A server that refuses to start (e.g. on a bad setting) still leaves its data folder and database to remove.
            await application.DisposeAsync();
            throw;
        }
        return application;
    }

    /// <summary>A client that sends <paramref name="apiKey"/> (the administrator's by default; null for none).</summary>
    public HttpClient CreateClient(string? apiKey = AdminKey)
    {
        var client = base.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        }
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownedDatabase is not null)
        {
            await _ownedDatabase.DisposeAsync();
        }
        _dataDirectory.Dispose();
    }
}
