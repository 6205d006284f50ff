using System.ComponentModel.DataAnnotations;

namespace Depwatch.Server.ManagedTrivy;

/// <summary>
/// Trivy run by Depwatch itself (section <c>Depwatch:Trivy</c>, beside the server settings): <c>trivy server</c> on a
/// loopback port with a generated token, supervised and stopped with Depwatch.
/// </summary>
public sealed class ManagedTrivyOptions : IValidatableObject
{
    public const string Section = "Depwatch:Trivy";

    /// <summary>
    /// true: always run Trivy (its servers replace any base URL); false: never; unset (default): run it when a Trivy
    /// executable is found and no base URL is configured, neither here nor in the stored settings.
    /// </summary>
    public bool? Managed { get; set; }

    /// <summary>The Trivy executable; unset: <c>trivy</c> looked up on the PATH.</summary>
    public string? Executable { get; set; }

    /// <summary>Trivy's <c>--cache-dir</c>, holding its vulnerability database; unset: Trivy's own default (<c>~/.cache/trivy</c>).</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Pass <c>--skip-db-update</c>: serve the database in the cache as it is, for air-gapped installations.</summary>
    public bool SkipDbUpdate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Executable) && !File.Exists(Executable))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Executable)} '{Executable}' does not exist; give the path of the trivy program, or leave it unset to look it up on the PATH.",
                [nameof(Executable)]);
        }
        else if (Managed == true && ExecutablePath() is null)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Managed)} is true but no trivy program is on the PATH; install Trivy or set {Section}:{nameof(Executable)}.",
                [nameof(Managed)]);
        }
    }

    /// <summary>The Trivy program to run: the configured one, else <c>trivy</c> on the PATH; null when there is none.</summary>
    public string? ExecutablePath(string? searchPath = null)
    {
        if (!string.IsNullOrEmpty(Executable))
        {
            return File.Exists(Executable) ? Path.GetFullPath(Executable) : null;
        }
        var name = OperatingSystem.IsWindows() ? "trivy.exe" : "trivy";
        return (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The cache folder Trivy is given: the configured one, else where Trivy itself would keep it.</summary>
    public string CachePath()
    {
        if (!string.IsNullOrEmpty(CacheDirectory))
        {
            return Path.GetFullPath(CacheDirectory);
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var userCache = OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches")
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(home, ".cache");
        return Path.Combine(userCache, "trivy");
    }

    /// <summary>Whether Depwatch runs Trivy, given whether a base URL is configured (in configuration or stored settings).</summary>
    public bool IsWanted(bool baseUrlConfigured, string? searchPath = null) =>
        Managed ?? (!baseUrlConfigured && ExecutablePath(searchPath) is not null);
}
