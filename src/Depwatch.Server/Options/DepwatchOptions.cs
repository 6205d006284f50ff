using System.ComponentModel.DataAnnotations;

namespace Depwatch.Server.Options;

/// <summary>Where Depwatch keeps its data and what it accepts. Section <c>Depwatch</c>.</summary>
public sealed class DepwatchOptions
{
    public const string Section = "Depwatch";

    /// <summary>Holds the SQLite database, the secrets key and the first administrator key.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Largest request body accepted, in bytes (BOM uploads included).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The administrator API key to create at first start; generated when empty.</summary>
    public string? AdminApiKey { get; set; }
}
