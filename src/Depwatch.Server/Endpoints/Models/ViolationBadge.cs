using Depwatch.Server.Analysis;

namespace Depwatch.Server.Endpoints.Models;

/// <summary>A project's policy violations badge: one segment per violation state that has open violations, or "none".</summary>
public static class ViolationBadge
{
    public static string Render(FindingMetrics metrics) => VulnerabilityBadge.Render("policy violations",
    [
        (VulnerabilityBadge.Count(metrics.Violations.Fail, "fail"), "#b91c1c"),
        (VulnerabilityBadge.Count(metrics.Violations.Warn, "warn"), "#ca8a04"),
        (VulnerabilityBadge.Count(metrics.Violations.Info, "info"), "#2563eb"),
    ]);
}
