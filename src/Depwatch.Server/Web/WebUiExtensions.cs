using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Depwatch.Server.Web.Portfolio;
using Depwatch.Server.Web.Security;
using Depwatch.Server.Web.SignIn;
using Depwatch.Server.Web.Trivy;
using Depwatch.Server.Web.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;

namespace Depwatch.Server.Web;

public static class WebUiExtensions
{
    /// <summary>
    /// The web UI: server-rendered pages, users with session cookies next to the API keys, antiforgery on every
    /// form. Register after the API-key authentication, whose default scheme this replaces with a per-request choice.
    /// </summary>
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Pages";
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AuthorizeFolder("/Admin/Analyzers", Permissions.SystemConfiguration);
            options.Conventions.AuthorizeFolder("/Admin/Notifications", Permissions.SystemConfiguration);
            options.Conventions.AuthorizeFolder("/Admin/Users", Permissions.AccessManagement);
            options.Conventions.AuthorizeFolder("/Admin/Teams", Permissions.AccessManagement);
            options.Conventions.AuthorizeFolder("/Projects", Permissions.ViewPortfolio);
            options.Conventions.AuthorizeFolder("/Vulnerabilities", Permissions.ViewPortfolio);
            options.Conventions.ConfigureFilter(new MustChangePasswordFilter());
            options.Conventions.ConfigureFilter(new AntiforgeryFailureFilter());
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "depwatch.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddWebAuthentication();
        services.AddKeysInDataDirectory();
        services.AddSingleton<IPasswordHasher<UserEntity>, PasswordHasher<UserEntity>>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<UserSignIn>();
        services.AddHostedService<AdminUserBootstrap>();
        services.AddHttpClient(TrivyConnectionTest.HttpClientName);
        services.AddSingleton<TrivyConnectionTest>();
        services.AddSingleton<PortfolioReader>();
        services.AddSingleton<WebBomUpload>();
        services.AddSingleton<WebTriage>();
        services.AddSingleton<WebProjects>();
        return services;
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
    }

    // Session and antiforgery cookies are protected with keys kept next to the secrets key, so they survive a
    // restart and instances sharing the data folder accept each other's cookies.
    private static void AddKeysInDataDirectory(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("depwatch");
        services.AddOptions<KeyManagementOptions>().Configure<DataDirectory, ILoggerFactory>((options, dataDirectory, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(dataDirectory.PathOf("data-protection-keys")), loggers));
    }
}
