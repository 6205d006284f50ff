using Depwatch.Testing.TrivyServer;

namespace Depwatch.Web.Tests.Support;

/// <summary>A server that analyses with the real Trivy server, with its root user signed in to the pages and an API client.</summary>
public sealed class TrivyPages : IAsyncDisposable
{
    private TrivyPages(WebUiApplication app, PageClient client, ApiClient api) => (App, Client, Api) = (app, client, api);

    public WebUiApplication App { get; }

    public PageClient Client { get; }

    public ApiClient Api { get; }

    public static async Task<TrivyPages> StartAsync(StorageKind storage, TrivyServerFixture trivy)
    {
        var app = await WebUiApplication.StartAsync(storage, new Dictionary<string, string?>
        {
            ["Depwatch:Trivy:BaseUrl"] = trivy.BaseUrl.ToString(),
            ["Depwatch:Trivy:ApiToken"] = trivy.Token,
        });
        await app.CreateRootAsync();
        return new TrivyPages(app, await app.SignedInClientAsync(Users.Root), new ApiClient(app));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Api.Dispose();
        await App.DisposeAsync();
    }
}
