using System.Text.Json;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Policies;

namespace Depwatch.Cli.Output;

/// <summary>
/// The SARIF rule of a policy condition (id <c>policy/NAME/N</c>, N counting the policy's conditions from 1) and the
/// result of each violation of it: level error, warning or note for a FAIL, WARN or INFO policy.
/// </summary>
internal static class SarifViolationJson
{
    public static string RuleId(ComponentViolation violation) =>
        $"policy/{violation.Policy.Name}/{IndexOf(violation.Policy, violation.Condition) + 1}";

    public static void WriteRule(Utf8JsonWriter json, ComponentViolation violation)
    {
        var policy = violation.Policy;
        var description = $"Policy '{policy.Name}' ({PolicyNames.Name(policy.ViolationState)}, {PolicyNames.Name(policy.Operator)} of "
            + $"{policy.Conditions.Count}): {violation.ConditionText}";
        json.WriteStartObject();
        json.WriteString("id", RuleId(violation));
        json.WriteText("shortDescription", description);
        json.WriteText("fullDescription", description);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(policy.ViolationState));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStringArray("tags", ["policy", PolicyNames.Name(violation.Violation.Type).ToLowerInvariant()]);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteResult(Utf8JsonWriter json, ComponentViolation violation, int ruleIndex, string artifactUri)
    {
        var identity = ViolationText.Identity(violation.Component);
        json.WriteStartObject();
        json.WriteString("ruleId", RuleId(violation));
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(violation.Policy.ViolationState));
        json.WriteText("message", ViolationText.Message(violation));
        SarifResultJson.WriteLocations(json, violation.Component.Name, identity, artifactUri);
        json.WriteStartObject("partialFingerprints");
        json.WriteString("packagePolicyHash/v1", SarifResultJson.Fingerprint(identity, RuleId(violation)));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Level(ViolationState state) => state switch
    {
        ViolationState.Fail => "error",
        ViolationState.Warn => "warning",
        _ => "note",
    };

    private static int IndexOf(Policy policy, PolicyCondition condition)
    {
        for (var i = 0; i < policy.Conditions.Count; i++)
        {
            if (ReferenceEquals(policy.Conditions[i], condition))
            {
                return i;
            }
        }
        return -1;
    }
}
