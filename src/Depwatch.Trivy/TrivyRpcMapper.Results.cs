using System.Text.RegularExpressions;
using Depwatch.Core.Components;
using Depwatch.Core.Findings;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Trivy.Rpc;
using CoreSeverity = Depwatch.Core.Vulnerabilities.Severity;
using CoreVulnerability = Depwatch.Core.Vulnerabilities.Vulnerability;
using DataSource = Depwatch.Core.Vulnerabilities.DataSource;
using WireSeverity = Depwatch.Trivy.Rpc.Severity;
using WireVulnerability = Depwatch.Trivy.Rpc.Vulnerability;

namespace Depwatch.Trivy;

internal static partial class TrivyRpcMapper
{
    public const string AnalyzerIdentity = "TRIVY_ANALYZER";

    // When the severity's own source published no CVSS, these are tried next, in order.
    private static readonly string[] s_cvssFallbackSources = ["nvd", "ghsa", "redhat"];

    /// <summary>The component a reported vulnerability belongs to, by the key Depwatch sent.</summary>
    public static string? ComponentKey(WireVulnerability vulnerability) =>
        !string.IsNullOrEmpty(vulnerability.PkgId) ? vulnerability.PkgId
        : !string.IsNullOrEmpty(vulnerability.PkgIdentifier?.BomRef) ? vulnerability.PkgIdentifier.BomRef
        : null;

    public static Finding ToFinding(Component component, WireVulnerability wire, CoreVulnerability vulnerability) => new(
        component,
        vulnerability,
        NullIfEmpty(wire.FixedVersion),
        Enum.IsDefined((FindingStatus)wire.Status) ? (FindingStatus)wire.Status : FindingStatus.Unknown,
        NullIfEmpty(wire.InstalledVersion),
        AnalyzerIdentity);

    public static CoreVulnerability ToVulnerability(WireVulnerability wire)
    {
        var id = wire.VulnerabilityId;
        var dataSource = wire.DataSource is { Id.Length: > 0 } ds ? new DataSource(ds.Id, NullIfEmpty(ds.Name), NullIfEmpty(ds.Url)) : null;
        return new CoreVulnerability
        {
            VulnId = id,
            Source = VulnerabilitySources.Classify(id, dataSource?.Id),
            DataSource = dataSource,
            Title = NullIfEmpty(wire.Title),
            Description = NullIfEmpty(wire.Description),
            Severity = ToSeverity(wire.Severity),
            SeveritySource = NullIfEmpty(wire.SeveritySource),
            VendorSeverities = wire.VendorSeverity.ToDictionary(p => p.Key, p => ToSeverity(p.Value)),
            CvssV2 = PickCvss(wire, c => c.V2Vector, c => c.V2Score),
            CvssV3 = PickCvss(wire, c => c.V3Vector, c => c.V3Score),
            CvssV4 = PickCvss(wire, c => c.V40Vector, c => c.V40Score),
            Cwes = [.. wire.CweIds.Select(ParseCwe).OfType<int>().Distinct()],
            References = References(wire),
            Published = wire.PublishedDate?.ToDateTimeOffset(),
            Updated = wire.LastModifiedDate?.ToDateTimeOffset(),
            Aliases = VulnerabilityAliases.From(id, wire.VendorIds, wire.References, dataSource?.Id),
            IsDebianTemporaryName = VulnerabilitySources.IsDebianTemporaryName(id),
            PrimaryUrl = NullIfEmpty(wire.PrimaryUrl),
        };
    }

    private static CoreSeverity ToSeverity(WireSeverity severity) => severity switch
    {
        WireSeverity.Critical => CoreSeverity.Critical,
        WireSeverity.High => CoreSeverity.High,
        WireSeverity.Medium => CoreSeverity.Medium,
        WireSeverity.Low => CoreSeverity.Low,
        _ => CoreSeverity.Unassigned,
    };

    /// <summary>The CVSS of the severity's source, else of NVD, GHSA, Red Hat, the data source, else any.</summary>
    private static Cvss? PickCvss(WireVulnerability wire, Func<CVSS, string> vector, Func<CVSS, double> score)
    {
        var preferred = new[] { wire.SeveritySource }.Concat(s_cvssFallbackSources).Append(wire.DataSource?.Id ?? "")
            .Concat(wire.Cvss.Keys.Order(StringComparer.Ordinal));
        foreach (var source in preferred)
        {
            if (wire.Cvss.TryGetValue(source, out var cvss) && (vector(cvss).Length > 0 || score(cvss) > 0))
            {
                return new Cvss(NullIfEmpty(vector(cvss)), score(cvss) > 0 ? score(cvss) : null, source);
            }
        }
        return null;
    }

    private static List<string> References(WireVulnerability wire)
    {
        var references = wire.References.Where(r => r.Length > 0).Distinct().ToList();
        if (wire.PrimaryUrl.Length > 0 && !references.Contains(wire.PrimaryUrl))
        {
            references.Insert(0, wire.PrimaryUrl);
        }
        return references;
    }

    private static int? ParseCwe(string text)
    {
        var match = CwePattern().Match(text);
        return match.Success ? int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    [GeneratedRegex(@"^CWE-(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CwePattern();
}
