namespace Depwatch.Core.Policies;

/// <summary>Checks a condition against its subject's rules and turns it into a test; the one place conditions are validated.</summary>
public static class ConditionCompiler
{
    public const int MaxValueLength = 2048;

    /// <summary>Why the condition is refused, naming the field at fault, or null when it is valid.</summary>
    public static ConditionError? Validate(PolicyCondition condition, LicenseGroups groups)
    {
        Compile(condition, groups, TimeSpan.FromSeconds(1), out var error);
        return error;
    }

    internal static ConditionTest? Compile(PolicyCondition condition, LicenseGroups groups, TimeSpan regexTimeout, out ConditionError? error)
    {
        var (subject, op, value) = (condition.Subject, condition.Operator, condition.Value ?? "");
        if (!PolicySubjects.OperatorsOf(subject).Contains(op))
        {
            var allowed = string.Join(", ", PolicySubjects.OperatorsOf(subject).Select(PolicyNames.Name));
            error = new ConditionError("operator", $"{PolicyNames.Name(op)} does not apply to {PolicyNames.Name(subject)}; use one of {allowed}");
            return null;
        }
        if (value.Length > MaxValueLength)
        {
            error = new ConditionError("value", $"the value is longer than {MaxValueLength} characters");
            return null;
        }
        return subject switch
        {
            ConditionSubject.Severity => VulnerabilityConditions.Severity(op, value, out error),
            ConditionSubject.VulnerabilityId => VulnerabilityConditions.VulnerabilityId(op, value, out error),
            ConditionSubject.Cwe => VulnerabilityConditions.Cwe(op, value, out error),
            ConditionSubject.PackageUrl => ComponentConditions.PackageUrl(op, value, regexTimeout, out error),
            ConditionSubject.Coordinates => CoordinatesCondition.Create(op, value, regexTimeout, out error),
            ConditionSubject.Version => ComponentConditions.Version(op, value, out error),
            ConditionSubject.License => LicenseConditions.License(op, value, out error),
            ConditionSubject.LicenseGroup => LicenseConditions.Group(op, value, groups, out error),
            _ => ComponentConditions.ComponentHash(op, value, out error),
        };
    }
}
