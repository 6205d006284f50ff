using Depwatch.Server.Auth;

namespace Depwatch.Server.Teams;

/// <summary>What each permission allows, for the permission and team listings.</summary>
public static class PermissionDescriptions
{
    private static readonly Dictionary<string, string> s_descriptions = new()
    {
        [Permissions.BomUpload] = "Upload CycloneDX SBOMs to existing projects",
        [Permissions.ProjectCreationUpload] = "Create a project while uploading an SBOM to it (autoCreate)",
        [Permissions.ViewPortfolio] = "See projects, their components and metrics",
        [Permissions.PortfolioManagement] = "Create, change and delete projects",
        [Permissions.ViewVulnerability] = "See the vulnerabilities found in projects",
        [Permissions.VulnerabilityAnalysis] = "Record decisions about findings: analysis state, justification, response, suppression",
        [Permissions.SystemConfiguration] = "Read and change the server's settings, such as the Trivy analyzer",
        [Permissions.AccessManagement] = "Manage teams, their permissions and their API keys",
        [Permissions.ViewBadges] = "Fetch project badges (SVG), when badges are turned on",
        [Permissions.PolicyManagement] = "Create, change and delete policies, their conditions and assignments",
        [Permissions.ViewPolicyViolation] = "See the policy violations of projects",
        [Permissions.PolicyViolationAnalysis] = "Record decisions about policy violations: approval, rejection, suppression",
    };

    public static IReadOnlyList<PermissionInfo> All { get; } =
        [.. Permissions.All.Order(StringComparer.Ordinal).Select(Describe)];

    public static PermissionInfo Describe(string permission) =>
        new(permission, s_descriptions.GetValueOrDefault(permission, "No longer used by Depwatch"));
}
