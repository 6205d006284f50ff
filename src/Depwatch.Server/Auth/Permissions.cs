namespace Depwatch.Server.Auth;

/// <summary>Dependency-Track's permission names, each also an authorization policy of the same name.</summary>
public static class Permissions
{
    public const string BomUpload = "BOM_UPLOAD";
    public const string ProjectCreationUpload = "PROJECT_CREATION_UPLOAD";
    public const string ViewPortfolio = "VIEW_PORTFOLIO";
    public const string PortfolioManagement = "PORTFOLIO_MANAGEMENT";
    public const string ViewVulnerability = "VIEW_VULNERABILITY";
    public const string VulnerabilityAnalysis = "VULNERABILITY_ANALYSIS";
    public const string SystemConfiguration = "SYSTEM_CONFIGURATION";
    public const string AccessManagement = "ACCESS_MANAGEMENT";
    public const string ViewBadges = "VIEW_BADGES";
    public const string PolicyManagement = "POLICY_MANAGEMENT";
    public const string ViewPolicyViolation = "VIEW_POLICY_VIOLATION";
    public const string PolicyViolationAnalysis = "POLICY_VIOLATION_ANALYSIS";

    public const string ClaimType = "permission";

    public static readonly IReadOnlyList<string> All =
    [
        BomUpload, ProjectCreationUpload, ViewPortfolio, PortfolioManagement, ViewVulnerability, VulnerabilityAnalysis,
        SystemConfiguration, AccessManagement, ViewBadges, PolicyManagement, ViewPolicyViolation, PolicyViolationAnalysis,
    ];

    public static bool IsKnown(string name) => All.Contains(name);
}
