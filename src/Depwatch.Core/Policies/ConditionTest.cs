using Depwatch.Core.Components;
using Depwatch.Core.Vulnerabilities;

namespace Depwatch.Core.Policies;

/// <summary>A compiled condition: whether it holds for a component and its (unsuppressed) vulnerabilities.</summary>
internal abstract class ConditionTest
{
    /// <summary>True or false; null when it could not be decided (a regular expression ran out of time).</summary>
    public abstract bool? Holds(Component component, IReadOnlyList<Vulnerability> vulnerabilities);
}

/// <summary>A condition on each vulnerability of the component: it holds when it holds for one of them.</summary>
internal sealed class VulnerabilityTest(Func<Vulnerability, bool> test) : ConditionTest
{
    public override bool? Holds(Component component, IReadOnlyList<Vulnerability> vulnerabilities)
    {
        foreach (var vulnerability in vulnerabilities)
        {
            if (test(vulnerability))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>A condition on the component alone.</summary>
internal sealed class ComponentTest(Func<Component, bool?> test) : ConditionTest
{
    public override bool? Holds(Component component, IReadOnlyList<Vulnerability> vulnerabilities) => test(component);
}
