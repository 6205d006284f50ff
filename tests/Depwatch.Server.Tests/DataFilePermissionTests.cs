using System.Net.Http.Json;
using Depwatch.Server.Tests.Support;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Server.Tests;

/// <summary>The SQLite database and its journal files are the server's user's alone, whatever folder they are put in.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFilePermissionTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task The_database_and_its_journal_are_owner_only_in_a_data_folder_open_to_everyone()
    {
        using var folder = new TemporaryDirectory("depwatch-open-");
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_111_111);

        await using (var app = await DepwatchApplication.StartAsync(StorageKind.Sqlite, new Dictionary<string, string?> { ["Depwatch:DataDirectory"] = folder.Path }))
        {
            var created = await app.CreateClient().PutAsJsonAsync("/api/v1/project", new { name = "written", version = "1" });
            created.EnsureSuccessStatusCode();
            AssertOwnerOnly(folder.Path, expectJournal: true);
        }
    }

    [Fact]
    public async Task A_database_file_others_could_read_is_narrowed_at_start()
    {
        using var folder = new TemporaryDirectory("depwatch-wide-");
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        var database = Path.Combine(folder.Path, "depwatch.db");
        await File.WriteAllBytesAsync(database, []);
        File.SetUnixFileMode(database, (UnixFileMode)0b110_110_110);

        await using var app = await DepwatchApplication.StartAsync(StorageKind.Sqlite, new Dictionary<string, string?> { ["Depwatch:DataDirectory"] = folder.Path });

        AssertOwnerOnly(folder.Path, expectJournal: false);
    }

    private static void AssertOwnerOnly(string folder, bool expectJournal)
    {
        var files = Directory.GetFiles(folder, "depwatch.db*");
        Assert.Contains(Path.Combine(folder, "depwatch.db"), files);
        if (expectJournal)
        {
            Assert.Contains(Path.Combine(folder, "depwatch.db-wal"), files);
        }
        Assert.All(files, file => Assert.Equal((Path.GetFileName(file), OwnerOnly), (Path.GetFileName(file), File.GetUnixFileMode(file))));
    }
}
