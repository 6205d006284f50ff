namespace Depwatch.Web.Tests.Support;

/// <summary>Users the tests sign in as; passwords follow the server's rules.</summary>
public static class Users
{
    public const string Password = "quiet orchard lantern";

    /// <summary>Every permission, no forced password change.</summary>
    public const string Root = "root";

    public const string Viewer = "viewer";

    public static readonly string[] AllPermissions =
    [
        "BOM_UPLOAD", "PROJECT_CREATION_UPLOAD", "VIEW_PORTFOLIO", "PORTFOLIO_MANAGEMENT", "VIEW_VULNERABILITY", "VULNERABILITY_ANALYSIS", "SYSTEM_CONFIGURATION",
        "ACCESS_MANAGEMENT",
    ];

    public static Task CreateRootAsync(this WebUiApplication app) => app.CreateUserAsync(Root, Password, AllPermissions);

    public static Task CreateViewerAsync(this WebUiApplication app) =>
        app.CreateUserAsync(Viewer, Password, "VIEW_PORTFOLIO", "VIEW_VULNERABILITY", "BOM_UPLOAD");

    public static async Task<PageClient> SignedInClientAsync(this WebUiApplication app, string userName)
    {
        var client = app.CreatePageClient();
        await client.SignInAsync(userName, Password);
        return client;
    }
}
