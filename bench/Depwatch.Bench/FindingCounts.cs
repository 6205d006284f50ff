using System.Text.Json;

namespace Depwatch.Bench;

/// <summary>
/// How many findings a tool reported, split into operating-system and language packages, and each vulnerability
/// ID's count (so that two tools' reports can be compared without matching their package naming).
/// </summary>
internal sealed record FindingCounts(int Os, int Language, IReadOnlyDictionary<string, int> ById)
{
    public int Total => Os + Language;

    /// <summary>Trivy's JSON report: <c>Results[].Vulnerabilities[]</c>, OS when the result's Class is <c>os-pkgs</c>.</summary>
    public static FindingCounts FromTrivyReport(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var (os, language, byId) = (0, 0, new Dictionary<string, int>(StringComparer.Ordinal));
        if (document.RootElement.TryGetProperty("Results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (var result in results.EnumerateArray())
            {
                if (!result.TryGetProperty("Vulnerabilities", out var vulnerabilities) || vulnerabilities.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var isOs = result.TryGetProperty("Class", out var resultClass) && resultClass.GetString() == "os-pkgs";
                foreach (var vulnerability in vulnerabilities.EnumerateArray())
                {
                    _ = isOs ? os++ : language++;
                    Add(byId, vulnerability.GetProperty("VulnerabilityID").GetString());
                }
            }
        }

        return new FindingCounts(os, language, byId);
    }

    /// <summary>Depwatch's JSON report: an array of findings; OS when the component's purl is deb, apk or rpm.</summary>
    public static FindingCounts FromDepwatchReport(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var (os, language, byId) = (0, 0, new Dictionary<string, int>(StringComparer.Ordinal));
        foreach (var finding in document.RootElement.EnumerateArray())
        {
            var purl = finding.GetProperty("component").GetProperty("purl").GetString() ?? "";
            var isOs = purl.StartsWith("pkg:deb/", StringComparison.Ordinal) || purl.StartsWith("pkg:apk/", StringComparison.Ordinal)
                || purl.StartsWith("pkg:rpm/", StringComparison.Ordinal);
            _ = isOs ? os++ : language++;
            Add(byId, finding.GetProperty("vulnerability").GetProperty("vulnId").GetString());
        }

        return new FindingCounts(os, language, byId);
    }

    /// <summary>IDs whose count differs between the two reports, as "ID (this/other)".</summary>
    public IReadOnlyList<string> DifferencesFrom(FindingCounts other) =>
    [
        .. ById.Keys.Union(other.ById.Keys).Order(StringComparer.Ordinal)
            .Select(id => (Id: id, Mine: ById.GetValueOrDefault(id), Theirs: other.ById.GetValueOrDefault(id)))
            .Where(entry => entry.Mine != entry.Theirs)
            .Select(entry => $"{entry.Id} ({entry.Mine}/{entry.Theirs})"),
    ];

    private static void Add(Dictionary<string, int> byId, string? id)
    {
        var key = id ?? "?";
        byId[key] = byId.GetValueOrDefault(key) + 1;
    }
}
