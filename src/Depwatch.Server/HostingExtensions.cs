using Depwatch.Server.Data;
using Depwatch.Server.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Depwatch.Server;

internal static class HostingExtensions
{
    /// <summary>
    /// The web root is the <c>wwwroot</c> shipped beside the program, as the settings are: from the working directory
    /// (the default), a server started elsewhere would serve its stylesheet and script as empty files. Without one
    /// there (a build rather than a published server), the default applies.
    /// </summary>
    public static WebApplicationOptions BesideTheProgram(string[] args)
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return new WebApplicationOptions { Args = args, WebRootPath = Directory.Exists(webRoot) ? webRoot : null };
    }

    /// <summary>Binds and validates every options class at start-up, so bad settings stop the server with a clear message.</summary>
    public static void AddDepwatchOptions(this WebApplicationBuilder builder)
    {
        ReadSettingsBesideTheProgram(builder.Configuration, builder.Environment);
        MapEnvironmentShortcuts(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<DepwatchOptions>().BindConfiguration(DepwatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DataDirectory>();
        var maxRequestBytes = builder.Configuration.GetValue<long?>($"{DepwatchOptions.Section}:{nameof(DepwatchOptions.MaxRequestBytes)}")
            ?? new DepwatchOptions().MaxRequestBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequestBytes);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxRequestBytes);
    }

    // Settings are read from the working directory; a published server started from elsewhere (a service, a
    // container with another working directory) would otherwise run without the defaults shipped beside it: port
    // 8080, database commands not logged. Read first, so that every other source still overrides it.
    private static void ReadSettingsBesideTheProgram(ConfigurationManager configuration, IHostEnvironment environment)
    {
        var programDirectory = Path.GetFullPath(AppContext.BaseDirectory);
        if (Path.TrimEndingDirectorySeparator(programDirectory) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(environment.ContentRootPath)))
        {
            return;
        }
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(programDirectory),
            Path = "appsettings.json",
            Optional = true,
        });
    }

    /// <summary>Environment variables that container deployments set: they name the documented settings without the section syntax.</summary>
    internal static readonly IReadOnlyDictionary<string, string> EnvironmentShortcuts = new Dictionary<string, string>
    {
        ["DEPWATCH_ADMIN_API_KEY"] = $"{DepwatchOptions.Section}:{nameof(DepwatchOptions.AdminApiKey)}",
        ["DEPWATCH_DATA_DIR"] = $"{DepwatchOptions.Section}:{nameof(DepwatchOptions.DataDirectory)}",
    };

    private static void MapEnvironmentShortcuts(ConfigurationManager configuration)
    {
        var values = EnvironmentShortcuts
            .Where(s => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(s.Key)))
            .ToDictionary(s => s.Value, s => Environment.GetEnvironmentVariable(s.Key));
        configuration.AddInMemoryCollection(values);
    }
}
