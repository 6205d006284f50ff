using Depwatch.Server.Options;
using Microsoft.Extensions.Options;

namespace Depwatch.Server.Data;

/// <summary>The data folder, created on first use and readable by its owner only.</summary>
public sealed class DataDirectory
{
    public DataDirectory(IOptions<DepwatchOptions> options)
    {
        Path = System.IO.Path.GetFullPath(options.Value.DataDirectory);
        if (!Directory.Exists(Path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path);
            }
            else
            {
                Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public string Path { get; }

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Writes a file only its owner can read, creating it if it does not exist.</summary>
    public void WriteSecretFile(string fileName, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var writer = new StreamWriter(PathOf(fileName), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(content);
    }
}
