namespace Depwatch.Core.Policies;

/// <summary>The NUMERIC_* operators on the result of comparing the component's version with the condition's.</summary>
internal static class VersionComparison
{
    public static bool Holds(ConditionOperator op, int comparison) => op switch
    {
        ConditionOperator.NumericEqual => comparison == 0,
        ConditionOperator.NumericNotEqual => comparison != 0,
        ConditionOperator.NumericLessThan => comparison < 0,
        ConditionOperator.NumericLesserThanOrEqual => comparison <= 0,
        ConditionOperator.NumericGreaterThan => comparison > 0,
        ConditionOperator.NumericGreaterThanOrEqual => comparison >= 0,
        _ => false,
    };

    /// <summary>The operator a COORDINATES version starts with (<c>&gt;=1.2</c>), and the version after it.</summary>
    public static bool TrySplit(string text, out ConditionOperator op, out string version)
    {
        (op, var length) = text switch
        {
            _ when text.StartsWith("==", StringComparison.Ordinal) => (ConditionOperator.NumericEqual, 2),
            _ when text.StartsWith("!=", StringComparison.Ordinal) => (ConditionOperator.NumericNotEqual, 2),
            _ when text.StartsWith("<=", StringComparison.Ordinal) => (ConditionOperator.NumericLesserThanOrEqual, 2),
            _ when text.StartsWith(">=", StringComparison.Ordinal) => (ConditionOperator.NumericGreaterThanOrEqual, 2),
            _ when text.StartsWith('<') => (ConditionOperator.NumericLessThan, 1),
            _ when text.StartsWith('>') => (ConditionOperator.NumericGreaterThan, 1),
            _ => (ConditionOperator.Is, 0),
        };
        version = text[length..].Trim();
        return length > 0;
    }
}
