using Depwatch.Core.Components;
using Depwatch.Core.Policies;

namespace Depwatch.Cli.Output;

/// <summary>How the reports name a policy violation's component, state and condition.</summary>
internal static class ViolationText
{
    private static readonly ViolationState[] s_states = [ViolationState.Fail, ViolationState.Warn, ViolationState.Info];

    /// <summary><c>name@version</c>, or the name alone.</summary>
    public static string Package(Component component) =>
        component.Version is { } version ? $"{component.Name}@{version}" : component.Name;

    /// <summary>What identifies the component across scans: its purl, else its name and version.</summary>
    public static string Identity(Component component) => component.PurlText ?? component.ToString();

    /// <summary>Most serious first, then by policy, component and condition, so that reports are stable.</summary>
    public static List<ComponentViolation> Sort(IEnumerable<ComponentViolation> violations) =>
    [
        .. violations.OrderByDescending(v => v.Policy.ViolationState)
            .ThenBy(v => v.Policy.Name, StringComparer.Ordinal)
            .ThenBy(v => Identity(v.Component), StringComparer.Ordinal)
            .ThenBy(v => v.ConditionText, StringComparer.Ordinal),
    ];

    /// <summary>E.g. <c>3 policy violations: 1 fail, 2 warn, 0 info</c>.</summary>
    public static string Counts(IReadOnlyList<ComponentViolation> violations)
    {
        var byState = s_states.Select(s => $"{violations.Count(v => v.Policy.ViolationState == s)} {PolicyNames.Name(s).ToLowerInvariant()}");
        var noun = violations.Count == 1 ? "policy violation" : "policy violations";
        return $"{violations.Count} {noun}: {string.Join(", ", byState)}";
    }

    /// <summary>E.g. <c>log4j-core@2.14.1 violates policy 'No critical' (FAIL): SEVERITY IS CRITICAL</c>.</summary>
    public static string Message(ComponentViolation violation) =>
        $"{Package(violation.Component)} violates policy '{violation.Policy.Name}' ({PolicyNames.Name(violation.Policy.ViolationState)}): {violation.ConditionText}";
}
