using Depwatch.Server.Web.Users;
using Depwatch.Testing.Postgres;
using Depwatch.Testing.TrivyServer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Depwatch.Web.Tests.Support;

/// <summary>
/// The Depwatch server listening on a real loopback port (for the browser), on a fresh SQLite file or PostgreSQL
/// database, with a known administrator API key and first administrator password.
/// </summary>
public sealed class WebUiApplication : WebApplicationFactory<Program>
{
    public const string AdminKey = "dwk_WebAdmin_0123456789abcdefghijABCDEFGHIJ";
    public const string AdminPassword = "first admin password";

    private readonly Dictionary<string, string?> _settings;
    private readonly TemporaryDirectory _dataDirectory = new("depwatch-web-");
    private readonly PostgresDatabase? _database;
    private readonly TimeProvider? _clock;

    private WebUiApplication(StorageKind storage, PostgresDatabase? database, IDictionary<string, string?> settings, TimeProvider? clock)
    {
        _database = database;
        _clock = clock;
        _settings = new Dictionary<string, string?>
        {
            ["Depwatch:DataDirectory"] = _dataDirectory.Path,
            ["Depwatch:PackageIndexMirrors:Enabled"] = "false",
            ["Depwatch:AdminApiKey"] = AdminKey,
            // A trivy program on the test machine's PATH must not start a Trivy server for every test; tests of that turn it on.
            ["Depwatch:Trivy:Managed"] = "false",
            ["Depwatch:Storage:Provider"] = storage == StorageKind.Postgres ? "postgres" : "sqlite",
            ["Depwatch:Storage:ConnectionString"] = database?.ConnectionString,
            ["Depwatch:Analysis:PollInterval"] = "00:00:00.100",
            ["Depwatch:Analysis:RetryBaseDelay"] = "00:00:00.200",
            ["Depwatch:Analysis:RetryMaxDelay"] = "00:00:02",
            [AdminUserBootstrap.PasswordVariable] = AdminPassword,
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
        UseKestrel(0);
    }

    public string DataDirectory => _dataDirectory.Path;

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUrl => ClientOptions.BaseAddress;

    /// <param name="settings">Configuration overrides; a null value removes a default (e.g. the admin password).</param>
    /// <param name="clock">The server's clock, when a test moves time on.</param>
    public static async Task<WebUiApplication> StartAsync(
        StorageKind storage = StorageKind.Sqlite, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var database = storage == StorageKind.Postgres ? await PostgresDatabase.CreateAsync() : null;
        var application = new WebUiApplication(storage, database, settings ?? new Dictionary<string, string?>(), clock);
        try
        {
            application.StartServer();
        }
        catch
        {
            // A server that refuses to start (e.g. on a bad setting) still leaves its data folder and database to remove.
            await application.DisposeAsync();
            throw;
        }
        return application;
    }

    /// <summary>Creates a user who need not change their password, for tests about something other than first sign-in.</summary>
    public async Task CreateUserAsync(string userName, string password, params string[] permissions)
    {
        var change = await Services.GetRequiredService<UserStore>()
            .CreateAsync(userName, password, permissions, mustChangePassword: false, CancellationToken.None);
        Assert.True(change.Succeeded, change.Error);
    }

    /// <summary>A client that follows no redirects and keeps cookies, as a browser without JavaScript would.</summary>
    public PageClient CreatePageClient() => new(BaseUrl);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }
        if (_clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_clock));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _dataDirectory.Dispose();
    }
}
