using Depwatch.Testing.TrivyServer;
using Microsoft.Playwright;

namespace Depwatch.Testing.Browser;

/// <summary>Full-page screenshots the browser tests leave as artifacts in the git-ignored <c>TestResults/screenshots</c>.</summary>
public static class Screenshots
{
    public static string Directory { get; } = RepositoryRoot.PathOf("TestResults", "screenshots");

    /// <returns>The file written.</returns>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
