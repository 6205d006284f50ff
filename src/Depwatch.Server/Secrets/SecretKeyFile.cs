using System.Security.Cryptography;
using Depwatch.Server.Data;

namespace Depwatch.Server.Secrets;

/// <summary>
/// The 256-bit key that encrypts secrets at rest: <c>secret.key</c> in the data folder, base64, created once and
/// readable by its owner only. Instances sharing a database must share this file too.
/// </summary>
internal static class SecretKeyFile
{
    public const string FileName = "secret.key";
    public const int KeyBytes = 32;

    public static byte[] LoadOrCreate(DataDirectory dataDirectory)
    {
        var path = dataDirectory.PathOf(FileName);
        if (!File.Exists(path))
        {
            TryCreate(path);
        }
        return Read(path);
    }

    // Written under a temporary name and moved into place, so a second instance starting on the same
    // folder never reads a half-written key: whichever move comes first wins, the other reads its key.
    private static void TryCreate(string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n");
            }
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created the key first; use that one.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Read(string path)
    {
        byte[]? key = null;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
        }
        if (key is not { Length: KeyBytes })
        {
            throw new InvalidOperationException(
                $"{path} does not hold a 256-bit key in base64. Restore the original file; or, to start over, delete it "
                + "and enter the encrypted settings (the Trivy API token) again.");
        }
        return key;
    }
}
