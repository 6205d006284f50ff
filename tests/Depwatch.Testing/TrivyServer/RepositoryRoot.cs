namespace Depwatch.Testing.TrivyServer;

/// <summary>The folder holding Depwatch.slnx, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> s_root = new(Find);

    public static string Path => s_root.Value;

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([s_root.Value, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Depwatch.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Depwatch.slnx above {AppContext.BaseDirectory}.");
    }
}
