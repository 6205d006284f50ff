using Depwatch.Core.Triage;
using Depwatch.Core.Vulnerabilities;
using Depwatch.Server.Analysis;
using Depwatch.Server.Data.Entities;

namespace Depwatch.Server.Web.Portfolio;

/// <summary>A project on the portfolio page: the project, its current counts, and its analysis's retry when one failed.</summary>
internal sealed record ProjectSummary(ProjectEntity Project, FindingMetrics Metrics, AnalysisRetry? Retry = null);

/// <summary>An analysis that failed and is tried again: how many attempts failed, and when the next one is (null: now).</summary>
internal sealed record AnalysisRetry(int FailedAttempts, DateTimeOffset? NextAttempt);

/// <summary>Every project and the portfolio's totals (active projects only, as Dependency-Track sums them).</summary>
internal sealed record PortfolioView(IReadOnlyList<ProjectSummary> Projects, FindingMetrics Totals, IReadOnlyDictionary<Guid, List<string>> Tags);

/// <summary>One page of a longer list.</summary>
internal sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>An unresolved finding as the project page lists it, with the decision about it (and its id, once there is one).</summary>
internal sealed record FindingRow(FindingEntity Finding, ComponentEntity Component, Vulnerability Vulnerability, FindingAnalysis Analysis, Guid? AnalysisId)
{
    /// <summary>What the page's forms name the finding by: the component's id and the vulnerability's.</summary>
    public string Key => $"{Component.Id}_{Finding.VulnerabilityId}";

    /// <summary>The score shown: CVSS v3, else v4, else v2.</summary>
    public double? Cvss => Vulnerability.CvssV3?.Score ?? Vulnerability.CvssV4?.Score ?? Vulnerability.CvssV2?.Score;

    public bool Fixable => !string.IsNullOrEmpty(Finding.FixedVersion);
}

/// <summary>A component some project holds that a vulnerability affects.</summary>
internal sealed record AffectedComponent(ProjectEntity Project, ComponentEntity Component, string? FixedVersion);

internal sealed record VulnerabilityView(
    VulnerabilityEntity Entity, Vulnerability Vulnerability, IReadOnlyList<AffectedComponent> Affected, IReadOnlySet<string> KnownAliases);

/// <summary>A panel the user does not see, and the permission it needs.</summary>
internal sealed record NeedsPermissionView(string What, string Permission);
