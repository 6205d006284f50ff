using Depwatch.Core.Findings;

namespace Depwatch.Server.Analysis;

/// <summary>How a finding's fix status is stored: Trivy's status names in upper case (<c>FIX_DEFERRED</c>).</summary>
public static class FindingStatusNames
{
    private static readonly Dictionary<FindingStatus, string> s_names = new()
    {
        [FindingStatus.Unknown] = "UNKNOWN",
        [FindingStatus.NotAffected] = "NOT_AFFECTED",
        [FindingStatus.Affected] = "AFFECTED",
        [FindingStatus.Fixed] = "FIXED",
        [FindingStatus.UnderInvestigation] = "UNDER_INVESTIGATION",
        [FindingStatus.WillNotFix] = "WILL_NOT_FIX",
        [FindingStatus.FixDeferred] = "FIX_DEFERRED",
        [FindingStatus.EndOfLife] = "END_OF_LIFE",
    };

    private static readonly Dictionary<string, FindingStatus> s_statuses = s_names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(FindingStatus status) => s_names.GetValueOrDefault(status, "UNKNOWN");

    public static FindingStatus Parse(string? name) =>
        name is not null && s_statuses.TryGetValue(name, out var status) ? status : FindingStatus.Unknown;
}
