using Depwatch.Core.Components;
using Depwatch.Core.Findings;
using Depwatch.Core.Sbom;

namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// Decides which findings of one SBOM VEX statements suppress, the way Trivy's <c>--vex</c> does. A statement names a
/// product: in CycloneDX by an <c>affects</c> ref, a BOM-Link into this SBOM (its serial number and version) or a
/// bom-ref of it; in OpenVEX by purl (a purl without version or with fewer qualifiers names more), with optional
/// subcomponents. A finding is suppressed when a statement that suppresses it names its component, or names, on every
/// path of the dependency graph from the component up to the SBOM's subject, some component above it (with the
/// finding's component among the subcomponents, when the statement lists any). Of several statements about the same
/// vulnerability and product, the latest counts.
/// </summary>
public sealed class SbomVexFilter
{
    private readonly Bom _bom;
    private readonly IReadOnlyList<VexStatements> _documents;
    private readonly Dictionary<string, Component> _byRef = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _parents = new(StringComparer.Ordinal);
    private readonly string? _serialNumber;

    public SbomVexFilter(Bom bom, IReadOnlyList<VexStatements> documents)
    {
        _bom = bom;
        _documents = documents;
        _serialNumber = BomLinks.SerialNumberOf(bom.SerialNumber);
        foreach (var component in bom.Components.Prepend(bom.MetadataComponent).OfType<Component>().Where(c => c.BomRef is not null))
        {
            _byRef.TryAdd(component.BomRef!, component);
        }
        foreach (var dependency in bom.Dependencies)
        {
            foreach (var child in dependency.DependsOn)
            {
                (_parents.TryGetValue(child, out var parents) ? parents : _parents[child] = []).Add(dependency.Ref);
            }
        }
    }

    /// <summary>The decision of the statement that leaves the finding out, or null when none does.</summary>
    public FindingAnalysis? Suppression(Finding finding)
    {
        if (Decision(finding, finding.Component, leaf: null) is { } own)
        {
            return own;
        }
        FindingAnalysis? blocking = null;
        return ReachesSubject(finding, finding.Component, [], ref blocking) ? null : blocking;
    }

    /// <summary>Whether some path from <paramref name="component"/> up to the SBOM's subject passes no suppressing statement.</summary>
    private bool ReachesSubject(Finding finding, Component component, HashSet<string> visited, ref FindingAnalysis? blocking)
    {
        if (_bom.MetadataComponent?.BomRef is not { } root || component.BomRef == root)
        {
            return true;
        }
        // A component nothing depends on hangs from the subject.
        var parents = component.BomRef is { } bomRef && _parents.TryGetValue(bomRef, out var known) ? known : [root];
        var unvisited = parents.Where(p => !visited.Contains(p)).ToList();
        if (unvisited.Count == 0)
        {
            // A cycle with no way up: keep the finding rather than suppress it by accident, as Trivy does.
            return true;
        }
        visited.Add(component.BomRef ?? component.Key);
        foreach (var parent in unvisited)
        {
            if (!_byRef.TryGetValue(parent, out var above))
            {
                return true;
            }
            if (Decision(finding, above, finding.Component) is { } decision)
            {
                blocking = decision;
            }
            else if (ReachesSubject(finding, above, [.. visited], ref blocking))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The latest statement about the finding's vulnerability in <paramref name="product"/>, when it suppresses.</summary>
    private FindingAnalysis? Decision(Finding finding, Component product, Component? leaf)
    {
        foreach (var document in _documents)
        {
            var latest = document.Statements
                .Select((statement, index) => (statement, index))
                .Where(s => s.statement.Names(finding.Vulnerability.VulnId) && s.statement.Products.Any(p => Names(document.Format, p, product, leaf)))
                .OrderBy(s => s.statement.Timestamp ?? DateTimeOffset.MinValue).ThenBy(s => s.index)
                .Select(s => s.statement).LastOrDefault();
            if (latest is { Suppresses: true })
            {
                return latest.Analysis;
            }
        }
        return null;
    }

    private bool Names(VexFormat format, VexProduct product, Component component, Component? leaf)
    {
        if (!Identifies(product, component))
        {
            return false;
        }
        return format == VexFormat.CycloneDx || leaf is null || product.Subcomponents.Count == 0 || product.Subcomponents.Any(s => Identifies(s, leaf));
    }

    private bool Identifies(VexProduct product, Component component)
    {
        if (BomLinks.TryParse(product.Ref, out var serial, out var version, out var bomRef))
        {
            return serial == _serialNumber && version == (_bom.Version ?? 1) && bomRef is not null && bomRef == component.BomRef;
        }
        return (product.Ref is not null && product.Ref == component.BomRef) || VexPurls.Matches(product.Purl, component.PurlText);
    }
}
