using Depwatch.Core.Findings;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>The distinct vulnerabilities of a scan, in the order their first findings appear; one SARIF rule each.</summary>
internal sealed class SarifRules
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<Vulnerability> _vulnerabilities = [];

    public static SarifRules For(IEnumerable<Finding> findings)
    {
        var rules = new SarifRules();
        foreach (var finding in findings)
        {
            rules.Add(finding.Vulnerability);
        }
        return rules;
    }

    public IReadOnlyList<Vulnerability> Vulnerabilities => _vulnerabilities;

    public int IndexOf(string vulnId) => _indexes[vulnId];

    private void Add(Vulnerability vulnerability)
    {
        if (_indexes.TryAdd(vulnerability.VulnId, _vulnerabilities.Count))
        {
            _vulnerabilities.Add(vulnerability);
        }
    }
}
