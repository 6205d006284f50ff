using System.Globalization;

namespace Depwatch.Core.Policies;

/// <summary>
/// Orders versions of any ecosystem the way their users read them: a deb/rpm epoch (<c>1:</c>) first, then numeric
/// parts numerically (<c>1.10 &gt; 1.9</c>), a missing part below a present number (<c>1.0 &lt; 1.0.1</c>), and
/// pre-release qualifiers (<c>alpha</c>, <c>beta</c>, <c>rc</c>, <c>snapshot</c>, …) below the release they precede.
/// </summary>
public static class VersionOrder
{
    private static readonly string[] s_preRelease = ["dev", "snapshot", "alpha", "a", "beta", "b", "milestone", "m", "pre", "preview", "rc", "cr"];
    private static readonly string[] s_release = ["final", "ga", "release"];

    public static int Compare(string left, string right)
    {
        var (leftEpoch, leftRest) = SplitEpoch(left);
        var (rightEpoch, rightRest) = SplitEpoch(right);
        var byEpoch = leftEpoch.CompareTo(rightEpoch);
        return byEpoch != 0 ? byEpoch : CompareParts(Tokens(leftRest), Tokens(rightRest));
    }

    private static int CompareParts(List<string> left, List<string> right)
    {
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var order = i >= left.Count ? -Weight(right[i])
                : i >= right.Count ? Weight(left[i])
                : CompareToken(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }

    /// <summary>How a part that the other version lacks ranks it: above for a number, below for a pre-release.</summary>
    private static int Weight(string token) =>
        IsNumber(token) ? (token.TrimStart('0').Length == 0 ? 0 : 1)
        : PreReleaseRank(token) >= 0 ? -1
        : Array.IndexOf(s_release, token) >= 0 ? 0
        : 1;

    private static int CompareToken(string left, string right)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            var a = left.TrimStart('0');
            var b = right.TrimStart('0');
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
        }
        if (IsNumber(left) != IsNumber(right))
        {
            return IsNumber(left) ? 1 : -1;
        }
        int leftRank = PreReleaseRank(left), rightRank = PreReleaseRank(right);
        if (leftRank >= 0 || rightRank >= 0)
        {
            return leftRank >= 0 && rightRank >= 0 ? leftRank.CompareTo(rightRank) : leftRank >= 0 ? -1 : 1;
        }
        return string.CompareOrdinal(left, right);
    }

    private static int PreReleaseRank(string token) => Array.IndexOf(s_preRelease, token);

    private static bool IsNumber(string token) => token.Length > 0 && char.IsAsciiDigit(token[0]);

    private static (long Epoch, string Remainder) SplitEpoch(string version)
    {
        var colon = version.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(version.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? (epoch, version[(colon + 1)..])
            : (0, version);
    }

    /// <summary>Runs of digits and runs of letters, lower-cased; every other character separates.</summary>
    private static List<string> Tokens(string version)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= version.Length; i++)
        {
            var boundary = i == version.Length || !char.IsAsciiLetterOrDigit(version[i])
                || (start >= 0 && char.IsAsciiDigit(version[i]) != char.IsAsciiDigit(version[start]));
            if (boundary && start >= 0)
            {
                tokens.Add(version[start..i].ToLowerInvariant());
                start = -1;
            }
            if (i < version.Length && char.IsAsciiLetterOrDigit(version[i]) && start < 0)
            {
                start = i;
            }
        }
        return tokens;
    }
}
