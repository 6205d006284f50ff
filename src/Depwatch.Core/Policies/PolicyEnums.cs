namespace Depwatch.Core.Policies;

/// <summary>What a policy condition looks at, as Dependency-Track names its subjects.</summary>
public enum ConditionSubject
{
    Severity,
    VulnerabilityId,
    Cwe,
    PackageUrl,
    Coordinates,
    Version,
    License,
    LicenseGroup,
    ComponentHash,
}

/// <summary>How a condition compares its subject with its value (Dependency-Track's condition operators).</summary>
public enum ConditionOperator
{
    Is,
    IsNot,
    Matches,
    NoMatch,
    NumericGreaterThan,
    NumericLessThan,
    NumericEqual,
    NumericNotEqual,
    NumericGreaterThanOrEqual,
    NumericLesserThanOrEqual,
    ContainsAny,
    ContainsAll,
}

/// <summary>Whether a policy is violated when any of its conditions holds, or only when all of them do.</summary>
public enum PolicyOperator
{
    Any,
    All,
}

/// <summary>How serious a violation of the policy is.</summary>
public enum ViolationState
{
    Info,
    Warn,
    Fail,
}

/// <summary>The kind of a violation, given by its condition's subject.</summary>
public enum ViolationType
{
    Security,
    License,
    Operational,
}
