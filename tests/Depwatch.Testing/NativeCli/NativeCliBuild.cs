using System.Security.Cryptography;
using System.Text;
using Depwatch.Testing.TrivyServer;

namespace Depwatch.Testing.NativeCli;

/// <summary>
/// The Native AOT <c>depwatch</c> executable, published by <c>scripts/publish.sh cli linux-x64</c> (the release's
/// command) once per change of its inputs: the result is cached under <c>~/.cache/depwatch/native-cli/HASH/</c>, keyed
/// by a SHA-256 of the CLI's, Core's and the Trivy client's sources, the build settings and the publish scripts, so a
/// test run whose inputs did not change reuses it. Builds unused for <see cref="s_keepUnused"/> are removed (not at
/// once: other worktrees of the same machine may be running theirs). A publish that fails (an AOT or trimming warning is an error) fails
/// the tests that use it, with the compiler's output.
/// </summary>
public static class NativeCliBuild
{
    public const string RuntimeIdentifier = "linux-x64";

    private static readonly string[] s_sourceFolders = ["src/Depwatch.Cli", "src/Depwatch.Core", "src/Depwatch.Trivy"];

    private static readonly string[] s_inputFiles =
        ["Directory.Build.props", "Directory.Packages.props", "global.json", "scripts/publish.sh", "scripts/install-clang.sh"];

    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(20);

    private static readonly TimeSpan s_keepUnused = TimeSpan.FromDays(3);

    public static string CacheRoot =>
        Path.Combine(
            Environment.GetEnvironmentVariable("DEPWATCH_CACHE_DIR")
            ?? Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "depwatch"),
            "native-cli");

    /// <summary>The path of the executable, publishing it first when no build of the current inputs is cached.</summary>
    public static async Task<string> EnsurePublishedAsync(CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(CacheRoot, InputHash());
        var executable = Path.Combine(folder, "depwatch");
        if (!File.Exists(executable))
        {
            await PublishAsync(folder, cancellationToken);
        }

        Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow);
        RemoveUnusedBuilds();
        return executable;
    }

    /// <summary>SHA-256 over every input file's path and content, in path order (bin/ and obj/ left out).</summary>
    public static string InputHash()
    {
        var root = RepositoryRoot.Path;
        var files = s_sourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal))
            .Concat(s_inputFiles)
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(root, file)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static async Task PublishAsync(string folder, CancellationToken cancellationToken)
    {
        var staging = folder + ".partial-" + Environment.ProcessId;
        var artifacts = staging + "-artifacts";
        try
        {
            var result = await ProcessRunner.RunAsync(
                "bash", [RepositoryRoot.PathOf("scripts", "publish.sh"), "cli", RuntimeIdentifier, staging], s_publishTimeout, cancellationToken,
                new Dictionary<string, string?> { ["DEPWATCH_ARTIFACTS_PATH"] = artifacts });
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"scripts/publish.sh cli {RuntimeIdentifier} failed (exit {result.ExitCode}):\n{result.StandardOutput}{result.StandardError}");
            }

            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, "depwatch")))
            {
                // Another test process published the same inputs first.
            }
        }
        finally
        {
            DeleteIfPresent(staging);
            DeleteIfPresent(artifacts);
        }
    }

    private static void RemoveUnusedBuilds()
    {
        var cutoff = DateTime.UtcNow - s_keepUnused;
        foreach (var folder in Directory.EnumerateDirectories(CacheRoot).Where(folder => Directory.GetLastWriteTimeUtc(folder) < cutoff))
        {
            DeleteIfPresent(folder);
        }
    }

    private static void DeleteIfPresent(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
