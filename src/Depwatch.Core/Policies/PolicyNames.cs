namespace Depwatch.Core.Policies;

/// <summary>
/// Dependency-Track's spelling of the policy enumerations (<c>VULNERABILITY_ID</c>, <c>NUMERIC_LESSER_THAN_OR_EQUAL</c>),
/// which API clients and policy files use.
/// </summary>
public static class PolicyNames
{
    public static string Name(ConditionSubject subject) => subject switch
    {
        ConditionSubject.VulnerabilityId => "VULNERABILITY_ID",
        ConditionSubject.PackageUrl => "PACKAGE_URL",
        ConditionSubject.LicenseGroup => "LICENSE_GROUP",
        ConditionSubject.ComponentHash => "COMPONENT_HASH",
        _ => subject.ToString().ToUpperInvariant(),
    };

    public static string Name(ConditionOperator op) => op switch
    {
        ConditionOperator.Is => "IS",
        ConditionOperator.IsNot => "IS_NOT",
        ConditionOperator.Matches => "MATCHES",
        ConditionOperator.NoMatch => "NO_MATCH",
        ConditionOperator.NumericGreaterThan => "NUMERIC_GREATER_THAN",
        ConditionOperator.NumericLessThan => "NUMERIC_LESS_THAN",
        ConditionOperator.NumericEqual => "NUMERIC_EQUAL",
        ConditionOperator.NumericNotEqual => "NUMERIC_NOT_EQUAL",
        ConditionOperator.NumericGreaterThanOrEqual => "NUMERIC_GREATER_THAN_OR_EQUAL",
        ConditionOperator.NumericLesserThanOrEqual => "NUMERIC_LESSER_THAN_OR_EQUAL",
        ConditionOperator.ContainsAny => "CONTAINS_ANY",
        _ => "CONTAINS_ALL",
    };

    public static string Name(PolicyOperator op) => op == PolicyOperator.All ? "ALL" : "ANY";

    public static string Name(ViolationState state) => state.ToString().ToUpperInvariant();

    public static string Name(ViolationType type) => type.ToString().ToUpperInvariant();

    public static bool TryParse(string? name, out ConditionSubject subject) => TryParseName(name, Name, out subject);

    public static bool TryParse(string? name, out ConditionOperator op) => TryParseName(name, Name, out op);

    public static bool TryParse(string? name, out PolicyOperator op) => TryParseName(name, Name, out op);

    public static bool TryParse(string? name, out ViolationState state) => TryParseName(name, Name, out state);

    public static bool TryParse(string? name, out ViolationType type) => TryParseName(name, Name, out type);

    private static bool TryParseName<T>(string? name, Func<T, string> nameOf, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }
}
