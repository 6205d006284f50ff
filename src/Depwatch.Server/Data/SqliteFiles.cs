using Microsoft.Data.Sqlite;

namespace Depwatch.Server.Data;

/// <summary>
/// The SQLite database and the journal files beside it are readable and writable by the server's user only, even in
/// a data folder that already existed with wider permissions: the file is created so before SQLite opens it, and an
/// existing one is narrowed. SQLite gives the journal files it creates (<c>-wal</c>, <c>-shm</c>) the database file's
/// permissions; existing ones are narrowed too.
/// </summary>
internal static class SqliteFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] s_journalSuffixes = ["-wal", "-shm", "-journal"];

    public static void MakeOwnerOnly(string connectionString)
    {
        var settings = new SqliteConnectionStringBuilder(connectionString);
        if (OperatingSystem.IsWindows() || settings.Mode == SqliteOpenMode.Memory || settings.DataSource is "" or ":memory:")
        {
            // Windows: the folder's access rules apply to the files in it.
            return;
        }
        var database = Path.GetFullPath(settings.DataSource);
        if (!File.Exists(database))
        {
            CreateEmpty(database);
        }
        foreach (var path in s_journalSuffixes.Select(suffix => database + suffix).Prepend(database).Where(File.Exists))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & OwnerOnly);
        }
    }

    // An empty file is an empty SQLite database.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateEmpty(string path)
    {
        try
        {
            using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance sharing the folder created it a moment ago.
        }
    }
}
