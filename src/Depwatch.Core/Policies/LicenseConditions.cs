namespace Depwatch.Core.Policies;

/// <summary>
/// LICENSE and LICENSE_GROUP, as Dependency-Track decides them over a component's SPDX expression: IS holds when the
/// license (or one of the group's) cannot be avoided — every choice an OR offers uses it; IS_NOT holds when the
/// expression cannot be satisfied with that license (the group's licenses) alone. The LICENSE value is an SPDX id
/// or <c>unresolved</c> (a component without a license, or with one given only by name); the LICENSE_GROUP value
/// is a group's name.
/// </summary>
internal static class LicenseConditions
{
    public const string UnresolvedValue = "unresolved";

    public static ConditionTest? License(ConditionOperator op, string value, out ConditionError? error)
    {
        error = null;
        var id = value.Trim();
        if (id.Length == 0 || id.Any(char.IsWhiteSpace) || id.IndexOfAny(['(', ')']) >= 0)
        {
            error = new ConditionError("value", $"'{value}' is not an SPDX license id (or '{UnresolvedValue}')");
            return null;
        }
        Func<string, bool>? contains = string.Equals(id, UnresolvedValue, StringComparison.OrdinalIgnoreCase)
            ? null
            : license => string.Equals(license, id, StringComparison.OrdinalIgnoreCase);
        return Test(op, contains);
    }

    public static ConditionTest? Group(ConditionOperator op, string value, LicenseGroups groups, out ConditionError? error)
    {
        error = null;
        if (groups.Find(value) is not { } group)
        {
            error = new ConditionError("value", $"'{value}' is not a license group; known groups: {string.Join(", ", groups.All.Select(g => g.Name))}");
            return null;
        }
        return Test(op, group.Contains);
    }

    /// <summary><paramref name="contains"/> null stands for the unresolved license.</summary>
    private static ComponentTest Test(ConditionOperator op, Func<string, bool>? contains) =>
        op == ConditionOperator.Is
            ? new ComponentTest(c => !Usable(LicenseTerm.Of(c), allowList: false, contains))
            : new ComponentTest(c => !Usable(LicenseTerm.Of(c), allowList: true, contains));

    /// <summary>Whether the expression can be honoured given a list of forbidden or of allowed licenses.</summary>
    private static bool Usable(LicenseTerm term, bool allowList, Func<string, bool>? contains) => term switch
    {
        LicenseAnyOf any => any.Terms.Any(t => Usable(t, allowList, contains)),
        LicenseAll all => all.Terms.All(t => Usable(t, allowList, contains)),
        LicenseLeaf leaf => Candidates(leaf).Any(id => LeafUsable(id, allowList, contains)),
        _ => true,
    };

    /// <summary><c>GPL-2.0 WITH Classpath-exception-2.0</c> is looked up as one id; <c>GPL-2.0+</c> is either id.</summary>
    private static IEnumerable<string?> Candidates(LicenseLeaf leaf)
    {
        if (leaf.Id is null)
        {
            yield return null;
            yield break;
        }
        var id = leaf.Exception is null ? leaf.Id : $"{leaf.Id}-with-{leaf.Exception}";
        yield return id;
        if (leaf.OrLater)
        {
            yield return id + "+";
            yield return id + "-or-later";
        }
    }

    private static bool LeafUsable(string? id, bool allowList, Func<string, bool>? contains)
    {
        if (id is null || contains is null)
        {
            var bothUnresolved = id is null && contains is null;
            return allowList ? bothUnresolved : !bothUnresolved;
        }
        return allowList ? contains(id) : !contains(id);
    }
}
