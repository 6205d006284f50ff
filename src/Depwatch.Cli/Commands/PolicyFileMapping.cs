using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Depwatch.Core.Policies;

namespace Depwatch.Cli.Commands;

/// <summary>One policy of a policy file onto the Core model; every problem names the policy and the field.</summary>
internal static class PolicyFileMapping
{
    // Condition values are shown in reports as written: "<2.17.1", not "\u003C2.17.1".
    private static readonly JsonSerializerOptions s_asWritten = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Policy? ToPolicy(JsonNode? node, string where, out string? problem)
    {
        if (node is not JsonObject policy)
        {
            problem = $"{where}: expected a policy (name, operator, violationState, conditions)";
            return null;
        }
        var name = Text(policy, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = $"{where}.name: a policy needs a name";
            return null;
        }
        where = $"policy '{name}' ({where})";
        var op = Text(policy, "operator") ?? "ANY";
        if (!PolicyNames.TryParse(op, out PolicyOperator policyOperator))
        {
            problem = $"{where}.operator: '{op}' is not ANY or ALL";
            return null;
        }
        var state = Text(policy, "violationState") ?? "INFO";
        if (!PolicyNames.TryParse(state, out ViolationState violationState))
        {
            problem = $"{where}.violationState: '{state}' is not INFO, WARN or FAIL";
            return null;
        }
        if (policy["conditions"] is not JsonArray { Count: > 0 } list)
        {
            problem = $"{where}.conditions: expected a list of at least one condition (subject, operator, value)";
            return null;
        }
        var conditions = new List<PolicyCondition>();
        for (var i = 0; i < list.Count; i++)
        {
            if (ToCondition(list[i], $"{where}.conditions[{i}]", out problem) is not { } condition)
            {
                return null;
            }
            conditions.Add(condition);
        }
        problem = null;
        return new Policy(Guid.NewGuid(), name, policyOperator, violationState, conditions);
    }

    private static PolicyCondition? ToCondition(JsonNode? node, string where, out string? problem)
    {
        problem = null;
        if (node is not JsonObject condition)
        {
            problem = $"{where}: expected a condition (subject, operator, value)";
            return null;
        }
        var subjectName = Text(condition, "subject");
        var operatorName = Text(condition, "operator");
        if (!PolicyNames.TryParse(subjectName, out ConditionSubject subject))
        {
            var subjects = string.Join(", ", Enum.GetValues<ConditionSubject>().Select(PolicyNames.Name));
            problem = $"{where}.subject: '{subjectName}' is not one of {subjects}";
        }
        else if (!PolicyNames.TryParse(operatorName, out ConditionOperator op))
        {
            problem = $"{where}.operator: '{operatorName}' is not a condition operator";
        }
        else
        {
            var parsed = new PolicyCondition(Guid.NewGuid(), subject, op, Value(condition["value"]));
            if (ConditionCompiler.Validate(parsed, LicenseGroups.Defaults) is { } error)
            {
                problem = $"{where}.{error.Field}: {error.Message}";
                return null;
            }
            return parsed;
        }
        return null;
    }

    private static string? Text(JsonObject node, string field) =>
        node[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node[field]?.ToJsonString(s_asWritten);

    // COORDINATES and COMPONENT_HASH take a JSON object; a file may write it as one rather than as a string holding one.
    private static string Value(JsonNode? value) => value switch
    {
        null => "",
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
        _ => value.ToJsonString(s_asWritten),
    };
}
