using Microsoft.Playwright;
using Xunit;

namespace Depwatch.Testing.Browser;

/// <summary>
/// xunit fixture: one headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by Playwright; never a downloaded
/// browser) shared by a test collection. Each test opens its own context, so cookies never carry over.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ExecutableVariable = "DEPWATCH_CHROMIUM";
    public const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly string[] s_flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture has not been initialized.");

    /// <summary>A fresh page (and context) whose relative URLs resolve against <paramref name="baseUrl"/>.</summary>
    /// <param name="width">Viewport width in CSS pixels: 1280 for a laptop, 390 for a phone.</param>
    public async Task<IPage> NewPageAsync(Uri baseUrl, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/Berlin",
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {executable}: run scripts/chromium.sh (Debian's chromium package), or set {ExecutableVariable}.");
        }
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = s_flags,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
