namespace Depwatch.Core.Policies;

/// <summary>Per subject, the operators Dependency-Track evaluates for it and the type of violation it gives.</summary>
public static class PolicySubjects
{
    private static readonly ConditionOperator[] s_equality = [ConditionOperator.Is, ConditionOperator.IsNot];
    private static readonly ConditionOperator[] s_pattern = [ConditionOperator.Matches, ConditionOperator.NoMatch];
    private static readonly ConditionOperator[] s_containment = [ConditionOperator.ContainsAny, ConditionOperator.ContainsAll];

    private static readonly ConditionOperator[] s_numeric =
    [
        ConditionOperator.NumericGreaterThan, ConditionOperator.NumericLessThan, ConditionOperator.NumericEqual,
        ConditionOperator.NumericNotEqual, ConditionOperator.NumericGreaterThanOrEqual, ConditionOperator.NumericLesserThanOrEqual,
    ];

    public static IReadOnlyList<ConditionOperator> OperatorsOf(ConditionSubject subject) => subject switch
    {
        ConditionSubject.Cwe => s_containment,
        ConditionSubject.PackageUrl or ConditionSubject.Coordinates => s_pattern,
        ConditionSubject.Version => s_numeric,
        _ => s_equality,
    };

    public static ViolationType TypeOf(ConditionSubject subject) => subject switch
    {
        ConditionSubject.Severity or ConditionSubject.VulnerabilityId or ConditionSubject.Cwe => ViolationType.Security,
        ConditionSubject.License or ConditionSubject.LicenseGroup => ViolationType.License,
        _ => ViolationType.Operational,
    };
}
