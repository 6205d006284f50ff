namespace Depwatch.Core.Policies;

/// <summary>
/// COORDINATES: <c>{"group": "…", "name": "…", "version": "…"}</c>. Group and name are patterns (see
/// <see cref="PolicyPattern"/>); the version is a pattern too, or a comparison when it starts with one of
/// <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> (<c>"&lt;2.17.1"</c>). An empty or missing part
/// matches every component; a part given matches no component that lacks it.
/// </summary>
internal static class CoordinatesCondition
{
    public static ConditionTest? Create(ConditionOperator op, string value, TimeSpan timeout, out ConditionError? error)
    {
        error = null;
        if (!ConditionJson.TryRead(value, ["group", "name", "version"], out var fields, out var message))
        {
            error = new ConditionError("value", message!);
            return null;
        }
        var group = Part(fields["group"], "group", timeout, ref error);
        var name = Part(fields["name"], "name", timeout, ref error);
        var version = Version(fields["version"], timeout, ref error);
        if (error is not null)
        {
            return null;
        }
        return new ComponentTest(c => ComponentConditions.Expect(op, All(group(c.Group), name(c.Name), version(c.Version))));
    }

    private static Func<string?, bool?> Part(string? text, string field, TimeSpan timeout, ref ConditionError? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return _ => true;
        }
        if (PolicyPattern.TryCreate(text.Trim(), timeout, out var message) is not { } pattern)
        {
            error ??= new ConditionError("value", $"{field}: {message}");
            return _ => false;
        }
        return part => string.IsNullOrEmpty(part) ? false : pattern.Matches(part);
    }

    private static Func<string?, bool?> Version(string? text, TimeSpan timeout, ref ConditionError? error)
    {
        if (string.IsNullOrWhiteSpace(text) || !VersionComparison.TrySplit(text.Trim(), out var op, out var version))
        {
            return Part(text, "version", timeout, ref error);
        }
        if (version.Length == 0 || version.Any(char.IsWhiteSpace))
        {
            error ??= new ConditionError("value", $"version: '{text}' is not a version range; expected an operator and one version, e.g. >=2.17.1");
            return _ => false;
        }
        return part => !string.IsNullOrEmpty(part) && VersionComparison.Holds(op, VersionOrder.Compare(part, version));
    }

    private static bool? All(bool? group, bool? name, bool? version) =>
        group == false || name == false || version == false ? false
        : group is null || name is null || version is null ? null
        : true;
}
