using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Depwatch.Server.Options;

/// <summary>Where Depwatch keeps its data and what it accepts. Section <c>Depwatch</c>.</summary>
public sealed class DepwatchOptions : IValidatableObject
{
    public const string Section = "Depwatch";

    /// <summary>Holds the SQLite database, the secrets key and the first administrator key.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Largest request body accepted, in bytes (BOM uploads included).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// The memory that work on BOMs may take at once (uploads being read and checked, ingests, analyses), each counted
    /// by an estimate from its size (<see cref="Ingest.BomMemoryBudget"/>); work beyond it waits its turn. The server's
    /// peak memory is about its idle memory plus 1.7 times this. At least three times <see cref="MaxRequestBytes"/>, what the
    /// largest upload takes.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long BomMemoryBytes { get; set; } = 448L * 1024 * 1024;

    /// <summary>How long an upload waits for its share of <see cref="BomMemoryBytes"/> before it is answered 503 with Retry-After.</summary>
    public TimeSpan UploadWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The administrator API key to create at first start; generated when empty.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed: addresses or networks
    /// (<c>10.0.0.0/8</c>), separated by commas or spaces. Empty: none, the headers are ignored.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>The networks <see cref="TrustedProxies"/> names; a single address is a network of one.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxyNetworks() =>
        [.. ProxyEntries().Select(entry => TryParseNetwork(entry, out var network) ? network : throw new FormatException(entry))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var unreadable = ProxyEntries().Where(entry => !TryParseNetwork(entry, out _)).ToList();
        if (unreadable.Count > 0)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(TrustedProxies)} lists '{string.Join("', '", unreadable)}', which is not an IP address or a network "
                + "such as 10.0.0.0/8; separate several with commas.",
                [nameof(TrustedProxies)]);
        }
        if (BomMemoryBytes < Ingest.BomMemoryBudget.ForBufferedUpload(MaxRequestBytes))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(BomMemoryBytes)} ({BomMemoryBytes}) must be at least {Ingest.BomMemoryBudget.ForBufferedUpload(MaxRequestBytes)}, "
                + $"three times {Section}:{nameof(MaxRequestBytes)}: what reading and checking the largest upload accepted takes.",
                [nameof(BomMemoryBytes)]);
        }
        if (UploadWait < TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:{nameof(UploadWait)} must not be negative; it is {UploadWait}.", [nameof(UploadWait)]);
        }
    }

    private string[] ProxyEntries() => (TrustedProxies ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return IPNetwork.TryParse(entry, out network);
    }
}
