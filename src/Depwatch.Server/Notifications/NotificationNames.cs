namespace Depwatch.Server.Notifications;

/// <summary>Dependency-Track's notification groups that Depwatch raises.</summary>
public static class NotificationGroups
{
    public const string NewVulnerability = "NEW_VULNERABILITY";
    public const string NewVulnerableDependency = "NEW_VULNERABLE_DEPENDENCY";
    public const string BomConsumed = "BOM_CONSUMED";
    public const string BomProcessed = "BOM_PROCESSED";
    public const string BomProcessingFailed = "BOM_PROCESSING_FAILED";
    public const string Analyzer = "ANALYZER";
    public const string PolicyViolation = "POLICY_VIOLATION";
    public const string ProjectAuditChange = "PROJECT_AUDIT_CHANGE";

    public static readonly IReadOnlyList<string> All =
        [NewVulnerability, NewVulnerableDependency, BomConsumed, BomProcessed, BomProcessingFailed, Analyzer, PolicyViolation, ProjectAuditChange];

    /// <summary>The scope a group belongs to, as in Dependency-Track.</summary>
    public static string ScopeOf(string group) => group == Analyzer ? NotificationScopes.System : NotificationScopes.Portfolio;
}

public static class NotificationScopes
{
    public const string Portfolio = "PORTFOLIO";
    public const string System = "SYSTEM";

    public static readonly IReadOnlyList<string> All = [Portfolio, System];
}

/// <summary>Levels, least severe first: a rule at a level receives notifications at that level and above.</summary>
public static class NotificationLevels
{
    public const string Informational = "INFORMATIONAL";
    public const string Warning = "WARNING";
    public const string Error = "ERROR";

    public static readonly IReadOnlyList<string> All = [Informational, Warning, Error];

    public static bool Reaches(string notificationLevel, string ruleLevel) => Rank(notificationLevel) >= Rank(ruleLevel);

    private static int Rank(string level) => level switch
    {
        Error => 2,
        Warning => 1,
        _ => 0,
    };
}
