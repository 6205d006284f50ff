using System.ComponentModel.DataAnnotations;
using Depwatch.Core.PackageIndexes;

namespace Depwatch.Server.PackageIndexes;

/// <summary>
/// Where the package indexes that name the source packages of bare OS packages come from: the distributions' mirrors,
/// fetched for the releases uploaded SBOMs name (section <c>Depwatch:PackageIndexMirrors</c>), and the indexes an
/// administrator lists in <c>Depwatch:PackageIndexes</c> (paths or URLs, for offline and air-gapped servers).
/// </summary>
public sealed class PackageIndexOptions : IValidatableObject
{
    public const string Section = "Depwatch:PackageIndexMirrors";
    public const string SourcesSection = "Depwatch:PackageIndexes";

    /// <summary>Fetch the indexes of the releases that uploaded SBOMs name from the mirrors below.</summary>
    public bool Enabled { get; set; } = true;

    public Uri Debian { get; set; } = new MirrorBases().Debian;
    public Uri DebianSecurity { get; set; } = new MirrorBases().DebianSecurity;
    public Uri Ubuntu { get; set; } = new MirrorBases().Ubuntu;
    public Uri UbuntuPorts { get; set; } = new MirrorBases().UbuntuPorts;
    public Uri Alpine { get; set; } = new MirrorBases().Alpine;

    /// <summary>Debian and Ubuntu archive areas to fetch, e.g. <c>main</c>, <c>universe</c>.</summary>
    public List<string> Components { get; set; } = [];

    /// <summary>How often each index is checked again (a conditional GET: unchanged indexes are not sent again).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long one index download may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest index file fetched, in bytes (Debian's main index is about 10 MB compressed).</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxDownloadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Fetch from loopback, private and link-local addresses too (internal mirrors, proxies on the local network).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The entries of <c>Depwatch:PackageIndexes</c>, read in <see cref="PackageIndexExtensions"/>.</summary>
    public List<string> Sources { get; set; } = [];

    public MirrorBases Mirrors => new()
    {
        Debian = Debian, DebianSecurity = DebianSecurity, Ubuntu = Ubuntu, UbuntuPorts = UbuntuPorts, Alpine = Alpine,
        Components = Components.Count > 0 ? Components : new MirrorBases().Components,
    };

    /// <summary>The parsed <see cref="Sources"/>; valid once validation passed.</summary>
    public IReadOnlyList<PackageIndexSource> ParsedSources => [.. Sources.Select(s => PackageIndexSource.Parse(s, out _)!)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, url) in new[] { ("Debian", Debian), ("DebianSecurity", DebianSecurity), ("Ubuntu", Ubuntu), ("UbuntuPorts", UbuntuPorts), ("Alpine", Alpine) })
        {
            if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult($"{Section}:{name} must be an absolute http:// or https:// URL.", [name]);
            }
        }
        if (RefreshInterval < TimeSpan.FromSeconds(1) || Timeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{Section}:RefreshInterval must be at least a second and {Section}:Timeout positive.", [nameof(RefreshInterval)]);
        }
        for (var i = 0; i < Sources.Count; i++)
        {
            if (PackageIndexSource.Parse(Sources[i], out var problem) is null)
            {
                yield return new ValidationResult($"{SourcesSection}:{i}: {problem}", [nameof(Sources)]);
            }
        }
    }
}
