using Depwatch.Core.Findings;

namespace Depwatch.Core.Triage.Vex;

/// <summary>How a statement's product was matched to a finding's component.</summary>
public enum VexMatchKind
{
    /// <summary>The product is the VEX's own subject, or a BOM-Link to a whole BOM: every finding of the vulnerability.</summary>
    Product,
    BomRef,
    Purl,
    NameAndVersion,
}

public sealed record VexMatch(VexStatement Statement, VexProduct Product, Finding Finding, VexMatchKind Kind);

/// <summary>A statement, or one product of it, that decided nothing, and why.</summary>
public sealed record VexMiss(VexStatement Statement, VexProduct? Product, string Reason);

public sealed record VexMatchResult(IReadOnlyList<VexMatch> Matches, IReadOnlyList<VexMiss> Misses);

/// <summary>
/// Matches statements to a project's findings the way an import into Dependency-Track is expected to: the finding's
/// vulnerability by ID (else by alias), preferring the statement's source; its component by bom-ref (also inside a
/// BOM-Link), else by purl, else by name and version. A product that is the VEX's own subject covers every finding of
/// the vulnerability, as in Dependency-Track.
/// </summary>
public static class VexFindingMatcher
{
    public static VexMatchResult Match(IReadOnlyList<VexStatement> statements, IReadOnlyList<Finding> findings)
    {
        var matches = new List<VexMatch>();
        var misses = new List<VexMiss>();
        foreach (var statement in statements)
        {
            var candidates = FindingsOf(statement, findings);
            if (statement.Analysis is null)
            {
                misses.Add(new VexMiss(statement, null, "the statement has no analysis"));
            }
            else if (statement.Products.Count == 0)
            {
                misses.Add(new VexMiss(statement, null, "the statement names no component (affects is empty)"));
            }
            else if (candidates.Count == 0)
            {
                misses.Add(new VexMiss(statement, null, $"the project has no open finding of {statement.VulnerabilityId}"));
            }
            else
            {
                foreach (var product in statement.Products)
                {
                    var (kind, matched) = MatchProduct(product, candidates);
                    if (matched.Count == 0)
                    {
                        misses.Add(new VexMiss(statement, product, $"no component with a finding of {statement.VulnerabilityId} has this bom-ref, purl, or name and version"));
                    }
                    matches.AddRange(matched.Select(f => new VexMatch(statement, product, f, kind)));
                }
            }
        }
        return new VexMatchResult(matches, misses);
    }

    private static List<Finding> FindingsOf(VexStatement statement, IReadOnlyList<Finding> findings)
    {
        var byId = findings.Where(f => string.Equals(f.Vulnerability.VulnId, statement.VulnerabilityId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byId.Count == 0)
        {
            byId = [.. findings.Where(f => f.Vulnerability.Aliases.Any(a => statement.Names(a.VulnId)) || statement.Aliases.Any(a => a.Equals(f.Vulnerability.VulnId, StringComparison.OrdinalIgnoreCase)))];
        }
        var fromSource = byId.Where(f => string.Equals(f.Vulnerability.Source, statement.Source, StringComparison.OrdinalIgnoreCase)).ToList();
        return fromSource.Count > 0 ? fromSource : byId;
    }

    private static (VexMatchKind Kind, List<Finding> Matched) MatchProduct(VexProduct product, List<Finding> candidates)
    {
        var bomRef = product.Ref;
        if (BomLinks.TryParse(product.Ref, out _, out _, out var linked))
        {
            if (linked is null)
            {
                return (VexMatchKind.Product, candidates);
            }
            bomRef = linked;
        }
        else if (product.IsDocumentSubject)
        {
            return (VexMatchKind.Product, candidates);
        }
        var byRef = candidates.Where(f => bomRef is not null && f.Component.BomRef == bomRef).ToList();
        if (byRef.Count > 0)
        {
            return (VexMatchKind.BomRef, byRef);
        }
        var purl = product.Purl ?? (bomRef?.StartsWith("pkg:", StringComparison.Ordinal) == true ? bomRef : null);
        var byPurl = candidates.Where(f => purl is not null && VexPurls.Matches(purl, f.Component.PurlText)).ToList();
        if (byPurl.Count > 0)
        {
            return (VexMatchKind.Purl, byPurl);
        }
        var byName = candidates.Where(f => product.Name is not null && product.Version is not null
            && string.Equals(product.Name, f.Component.Name, StringComparison.OrdinalIgnoreCase)
            && (product.Group is null || string.Equals(product.Group, f.Component.Group, StringComparison.OrdinalIgnoreCase))
            && product.Version == (f.Component.Version ?? f.InstalledVersion)).ToList();
        return (VexMatchKind.NameAndVersion, byName);
    }
}
