using System.Text.Json;
using Depwatch.Core.Findings.Json;
using Depwatch.Core.Policies;

namespace Depwatch.Cli.Output;

/// <summary>Writes one policy violation of the JSON report, with Dependency-Track's names for its type, state and condition.</summary>
internal static class ViolationJson
{
    public static void Write(Utf8JsonWriter json, ComponentViolation violation)
    {
        var component = violation.Component;
        json.WriteStartObject();
        json.WriteString("type", PolicyNames.Name(violation.Violation.Type));
        json.WriteString("policy", violation.Policy.Name);
        json.WriteString("state", PolicyNames.Name(violation.Policy.ViolationState));
        json.WriteStartObject("condition");
        json.WriteString("subject", PolicyNames.Name(violation.Condition.Subject));
        json.WriteString("operator", PolicyNames.Name(violation.Condition.Operator));
        json.WriteString("value", violation.Condition.Value);
        json.WriteEndObject();
        json.WriteStartObject("component");
        json.WriteString("name", component.Name);
        json.WriteStringIfPresent("group", component.Group);
        json.WriteStringIfPresent("version", component.Version);
        json.WriteStringIfPresent("purl", component.PurlText);
        json.WriteStringIfPresent("bomRef", component.BomRef);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
