using System.Text.RegularExpressions;

namespace Depwatch.Core.Policies;

/// <summary>
/// A condition's regular expression, matched as Dependency-Track matches it: <c>*</c> stands for any text and the
/// pattern may match anywhere unless it is anchored with <c>^</c> or <c>$</c>. Patterns run on .NET's
/// non-backtracking engine, in time linear in the input; the few that need backtracking (back-references,
/// look-arounds) run with a time-out, and a match that runs out of time answers null.
/// </summary>
public sealed class PolicyPattern
{
    public const int MaxLength = 1024;

    private readonly Regex _regex;

    private PolicyPattern(Regex regex) => _regex = regex;

    public static PolicyPattern? TryCreate(string pattern, TimeSpan timeout, out string? error)
    {
        error = null;
        if (pattern.Length > MaxLength)
        {
            error = $"the regular expression is longer than {MaxLength} characters";
            return null;
        }
        var anchored = $"^(?:{Expand(pattern)})$";
        const RegexOptions options = RegexOptions.CultureInvariant;
        try
        {
            return new PolicyPattern(new Regex(anchored, options | RegexOptions.NonBacktracking, timeout));
        }
        catch (NotSupportedException)
        {
            return Backtracking(anchored, options, timeout, out error);
        }
        catch (ArgumentException e)
        {
            error = $"invalid regular expression: {e.Message}";
            return null;
        }
    }

    /// <summary>Whether the whole value matches; false for no value; null when the match ran out of time.</summary>
    public bool? Matches(string? value)
    {
        if (value is null)
        {
            return false;
        }
        try
        {
            return _regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static PolicyPattern? Backtracking(string anchored, RegexOptions options, TimeSpan timeout, out string? error)
    {
        error = null;
        try
        {
            return new PolicyPattern(new Regex(anchored, options, timeout));
        }
        catch (ArgumentException e)
        {
            error = $"invalid regular expression: {e.Message}";
            return null;
        }
    }

    private static string Expand(string pattern)
    {
        var expanded = pattern.Replace("*", ".*", StringComparison.Ordinal).Replace("..*", ".*", StringComparison.Ordinal);
        if (!expanded.StartsWith('^') && !expanded.StartsWith(".*", StringComparison.Ordinal))
        {
            expanded = ".*" + expanded;
        }
        if (!expanded.EndsWith('$') && !expanded.EndsWith(".*", StringComparison.Ordinal))
        {
            expanded += ".*";
        }
        return expanded;
    }
}
