using Depwatch.Core.Findings;

namespace Depwatch.Cli.Output;

/// <summary>
/// The one order every report lists findings in: most severe first, then highest CVSS v3 score, then by
/// vulnerability ID and component name, version and key, so that equal inputs give byte-identical reports.
/// </summary>
internal sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) => [.. findings.Order(Instance)];

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }
        return FirstNonZero(
            y.Vulnerability.Severity.CompareTo(x.Vulnerability.Severity),
            CompareScoresDescending(x.Vulnerability.CvssV3?.Score, y.Vulnerability.CvssV3?.Score),
            string.CompareOrdinal(x.Vulnerability.VulnId, y.Vulnerability.VulnId),
            string.CompareOrdinal(x.Component.Name, y.Component.Name),
            string.CompareOrdinal(x.Component.Version, y.Component.Version),
            string.CompareOrdinal(x.Component.Key, y.Component.Key));
    }

    // A missing score ranks below every score.
    private static int CompareScoresDescending(double? x, double? y) =>
        (y ?? double.NegativeInfinity).CompareTo(x ?? double.NegativeInfinity);

    private static int FirstNonZero(params ReadOnlySpan<int> comparisons)
    {
        foreach (var comparison in comparisons)
        {
            if (comparison != 0)
            {
                return comparison;
            }
        }
        return 0;
    }
}
