using System.Text.Json;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Core.Findings.Json;

/// <summary>
/// One element of a Dependency-Track finding's <c>aliases</c>: the identifiers of one alias record, each under
/// the key of its source (a DSA-… or RHSA-… advisory under <c>osvId</c>, as Dependency-Track files what OSV publishes).
/// </summary>
public sealed record DependencyTrackAlias(string? CveId, string? GhsaId, string? OsvId, string? SnykId)
{
    private static DependencyTrackAlias Empty { get; } = new(null, null, null, null);

    /// <summary>One element per alias Dependency-Track can name, each paired with the vulnerability's own ID.</summary>
    public static IReadOnlyList<DependencyTrackAlias> Of(Vulnerability vulnerability)
    {
        var own = Empty.With(vulnerability.Source, vulnerability.VulnId);
        var elements = new List<DependencyTrackAlias>();
        foreach (var alias in vulnerability.Aliases)
        {
            var element = Empty.With(alias.Source, alias.VulnId);
            if (element != Empty)
            {
                elements.Add(own.With(alias.Source, alias.VulnId));
            }
        }
        return [.. elements.Distinct()];
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStringIfPresent("cveId", CveId);
        json.WriteStringIfPresent("ghsaId", GhsaId);
        json.WriteStringIfPresent("osvId", OsvId);
        json.WriteStringIfPresent("snykId", SnykId);
        json.WriteEndObject();
    }

    private DependencyTrackAlias With(string source, string vulnId) => source switch
    {
        VulnerabilitySources.Nvd => this with { CveId = vulnId },
        VulnerabilitySources.GitHub => this with { GhsaId = vulnId },
        VulnerabilitySources.Osv => this with { OsvId = vulnId },
        VulnerabilitySources.Snyk => this with { SnykId = vulnId },
        _ => this,
    };
}
