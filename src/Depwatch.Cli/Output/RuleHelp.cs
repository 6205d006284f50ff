using System.Globalization;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Cli.Output;

/// <summary>The help of a SARIF rule, as plain text and as Markdown: what the vulnerability is and where to read more.</summary>
internal static class RuleHelp
{
    public static string Text(Vulnerability vulnerability) => Paragraphs(
        vulnerability.Title,
        vulnerability.Description,
        string.Join('\n', [$"Severity: {SeverityWithScore(vulnerability)}", .. AliasLine(vulnerability)]),
        string.Join('\n', vulnerability.References.Select(url => $"- {url}")));

    public static string Markdown(Vulnerability vulnerability) => Paragraphs(
        vulnerability.Title is null ? null : $"**{vulnerability.Title.Trim()}**",
        vulnerability.Description,
        $"| Severity | CVSS v3 vector |\n| --- | --- |\n| {SeverityWithScore(vulnerability)} | {vulnerability.CvssV3?.Vector ?? "-"} |",
        string.Join('\n', AliasLine(vulnerability)),
        string.Join('\n', vulnerability.References.Select(url => $"- [{url}]({url})")));

    private static string Paragraphs(params ReadOnlySpan<string?> paragraphs)
    {
        var present = new List<string>();
        foreach (var paragraph in paragraphs)
        {
            if (!string.IsNullOrWhiteSpace(paragraph))
            {
                present.Add(paragraph.Trim());
            }
        }
        return string.Join("\n\n", present);
    }

    private static string SeverityWithScore(Vulnerability vulnerability)
    {
        var severity = SeverityNames.UpperCase(vulnerability.Severity);
        return vulnerability.CvssV3?.Score is { } score
            ? $"{severity} (CVSS v3 {score.ToString("0.0", CultureInfo.InvariantCulture)})"
            : severity;
    }

    private static IEnumerable<string> AliasLine(Vulnerability vulnerability)
    {
        if (vulnerability.Aliases.Count > 0)
        {
            yield return $"Aliases: {string.Join(", ", vulnerability.Aliases.Select(alias => alias.VulnId))}";
        }
    }
}
