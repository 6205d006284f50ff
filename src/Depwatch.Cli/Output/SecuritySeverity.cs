using System.Globalization;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>
/// The <c>security-severity</c> rule property GitHub code scanning ranks alerts by: a CVSS-like score written
/// as a string.
/// </summary>
internal static class SecuritySeverity
{
    /// <summary>The CVSS v3 score, else a score typical of the severity; null for unrated vulnerabilities.</summary>
    public static string? Of(Vulnerability vulnerability)
    {
        var score = vulnerability.CvssV3?.Score ?? DefaultScore(vulnerability.Severity);
        return score?.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static double? DefaultScore(Severity severity) => severity switch
    {
        Severity.Critical => 9.5,
        Severity.High => 8.0,
        Severity.Medium => 5.5,
        Severity.Low => 2.0,
        _ => null,
    };
}
