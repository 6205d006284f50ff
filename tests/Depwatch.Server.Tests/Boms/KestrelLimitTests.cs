using System.Net.Http.Headers;
using System.Text;
using Depwatch.Server.Auth;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.Postgres;
using Depwatch.Testing.Sboms;
using Depwatch.Testing.TrivyServer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Tests.Boms;

/// <summary>
/// The size limit on the real HTTP server, where Kestrel enforces its own limit too: uploads over it answer 413
/// (not 400 or 500) whether the length is declared or the body is chunked.
/// </summary>
public abstract class KestrelLimitTests(StorageKind storage) : IAsyncLifetime
{
    private const int MaxRequestBytes = 16 * 1024;

    private readonly TemporaryDirectory _dataDirectory = new("depwatch-kestrel-");
    private PostgresDatabase? _database;
    private KestrelDepwatch _server = null!;

    /// <summary>
    /// Just over the limit, the client has sent everything before the answer comes; that is the case where a server that
    /// closes the connection without draining the body resets it and the client never reads the 413.
    /// </summary>
    [Theory]
    [InlineData(MaxRequestBytes + 4096)]
    [InlineData(1_000_000)]
    public async Task Uploads_over_the_limit_answer_413_over_http_and_change_nothing(int bomBytes)
    {
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, DepwatchApplication.AdminKey);
        Assert.NotEqual(80, client.BaseAddress!.Port); // a real socket on a dynamic port, not the in-memory test server
        var large = LargeBom(bomBytes);
        var chunked = new StringContent(
            $$"""{"projectName":"too-large","autoCreate":true,"bom":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(large))}}"}""",
            Encoding.UTF8, "application/json");
        chunked.Headers.ContentLength = null;
        var chunkedMultipart = new MultipartFormDataContent { { new StringContent("too-large"), "projectName" }, { new StringContent("true"), "autoCreate" } };
        var file = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large)));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunkedMultipart.Add(file, "bom", "bom.json");
        chunkedMultipart.Headers.ContentLength = null;

        var answers = new[]
        {
            await StatusAsync(() => BomApi.PutAsync(client, large, "too-large")),
            await StatusAsync(() => BomApi.PostAsync(client, large, "too-large")),
            await StatusAsync(() => client.PutAsync("/api/v1/bom", chunked)),
            await StatusAsync(() => client.PostAsync("/api/v1/bom", chunkedMultipart)),
        };

        Assert.Equal(["413 PUT", "413 POST", "413 chunked PUT", "413 chunked POST"],
            answers.Zip(["PUT", "POST", "chunked PUT", "chunked POST"], (answer, request) => $"{answer} {request}"));
        await using var db = _server.OpenDatabase();
        Assert.Equal(0, await db.Projects.CountAsync());
        Assert.Equal(0, await db.Jobs.CountAsync());
        await BomApi.TokenAsync(await BomApi.PostAsync(client, new BomBuilder("1.6").WithComponent("a", "1").ToJson(), "small-enough"));
    }

    /// <summary>The status code, or the error when no answer arrived (e.g. the connection was reset before it could be read).</summary>
    private static async Task<string> StatusAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return ((int)(await send()).StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            return $"no answer ({e.InnerException?.Message ?? e.Message})";
        }
    }

    public async Task InitializeAsync()
    {
        _database = storage == StorageKind.Postgres ? await PostgresDatabase.CreateAsync() : null;
        _server = new KestrelDepwatch(new Dictionary<string, string?>
        {
            ["Depwatch:DataDirectory"] = _dataDirectory.Path,
            ["Depwatch:PackageIndexMirrors:Enabled"] = "false",
            ["Depwatch:AdminApiKey"] = DepwatchApplication.AdminKey,
            ["Depwatch:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Depwatch:Analysis:RunJobs"] = "false",
            ["Depwatch:Storage:Provider"] = storage == StorageKind.Postgres ? "postgres" : "sqlite",
            ["Depwatch:Storage:ConnectionString"] = _database?.ConnectionString,
        });
        _server.UseKestrel(0);
        _server.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        _dataDirectory.Dispose();
    }

    private static string LargeBom(int atLeastBytes)
    {
        var builder = new BomBuilder("1.6");
        for (var index = 0; index < (atLeastBytes / 100) + 1; index++)
        {
            builder.WithComponent($"package-{index}", "1.0.0", purl: $"pkg:npm/package-{index}@1.0.0");
        }
        var bom = builder.ToJson();
        Assert.True(bom.Length >= atLeastBytes);
        return bom;
    }

    private sealed class KestrelDepwatch(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        public Data.DepwatchDbContext OpenDatabase() =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<IDbContextFactory<Data.DepwatchDbContext>>(Services).CreateDbContext();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings.Where(s => s.Value is not null))
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

public sealed class KestrelLimitOnSqlite() : KestrelLimitTests(StorageKind.Sqlite);

public sealed class KestrelLimitOnPostgres() : KestrelLimitTests(StorageKind.Postgres);
