using Depwatch.Core.Policies;
using Depwatch.Server.Configuration;
using Depwatch.Server.Data;
using Depwatch.Server.Endpoints.Models;

namespace Depwatch.Server.Policies;

/// <summary>Checks policy and condition requests, naming each field at fault as Dependency-Track's validation does.</summary>
internal static class PolicyRequests
{
    public static void CheckName(string? name, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name is required", "Required", "name", name));
        }
        else if (StoredText.IndexedProblem(name.Trim()) is { } problem)
        {
            errors.Add(new FieldError($"name {problem}", "Invalid", "name", null));
        }
    }

    public static PolicyOperator Operator(string? value, List<FieldError> errors) =>
        Parse<PolicyOperator>(value, "operator", PolicyOperator.Any, "ANY, ALL", PolicyNames.TryParse, errors);

    public static ViolationState State(string? value, List<FieldError> errors) =>
        Parse<ViolationState>(value, "violationState", ViolationState.Info, "INFO, WARN, FAIL", PolicyNames.TryParse, errors);

    /// <summary>The condition, checked as the evaluator will read it, or null with the errors added.</summary>
    public static PolicyCondition? Condition(Guid id, PolicyConditionRequest request, List<FieldError> errors)
    {
        if (!PolicyNames.TryParse(request.Subject, out ConditionSubject subject))
        {
            var known = string.Join(", ", Enum.GetValues<ConditionSubject>().Select(PolicyNames.Name));
            errors.Add(new FieldError($"subject must be one of {known}", "Invalid", "subject", Shown(request.Subject)));
        }
        if (!PolicyNames.TryParse(request.Operator, out ConditionOperator op))
        {
            var known = string.Join(", ", Enum.GetValues<ConditionOperator>().Select(PolicyNames.Name));
            errors.Add(new FieldError($"operator must be one of {known}", "Invalid", "operator", Shown(request.Operator)));
        }
        if (request.Value is null)
        {
            errors.Add(new FieldError("value is required", "Required", "value", null));
        }
        else if (StoredText.TextProblem(request.Value) is { } problem)
        {
            errors.Add(new FieldError($"value {problem}", "Invalid", "value", null));
        }
        if (errors.Count > 0)
        {
            return null;
        }
        var condition = new PolicyCondition(id, subject, op, request.Value!);
        if (ConditionCompiler.Validate(condition, LicenseGroups.Defaults) is { } error)
        {
            errors.Add(new FieldError($"{error.Field} {error.Message}", "Invalid", error.Field, Shown(error.Field == "value" ? request.Value : request.Operator)));
            return null;
        }
        return condition;
    }

    private delegate bool TryParser<T>(string? name, out T value);

    private static T Parse<T>(string? value, string field, T fallback, string known, TryParser<T> parse, List<FieldError> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (parse(value, out var parsed))
        {
            return parsed;
        }
        errors.Add(new FieldError($"{field} must be one of {known}", "Invalid", field, Shown(value)));
        return fallback;
    }

    private static string? Shown(string? value) => value is null ? null : value.Length <= 200 ? value : value[..200] + "…";
}
