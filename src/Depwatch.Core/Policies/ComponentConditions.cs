using System.Text.Json;
using Depwatch.Core.Components;

namespace Depwatch.Core.Policies;

/// <summary>PACKAGE_URL, VERSION and COMPONENT_HASH: conditions on the component's identity.</summary>
internal static class ComponentConditions
{
    private static readonly string[] s_hashAlgorithms =
    [
        "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512",
        "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3",
    ];

    /// <summary>The pattern is matched against the canonical purl (the purl as the SBOM wrote it when it does not parse).</summary>
    public static ConditionTest? PackageUrl(ConditionOperator op, string value, TimeSpan timeout, out ConditionError? error)
    {
        if (PolicyPattern.TryCreate(value, timeout, out var message) is not { } pattern)
        {
            error = new ConditionError("value", message!);
            return null;
        }
        error = null;
        return new ComponentTest(c => Expect(op, pattern.Matches(c.Purl?.ToString() ?? c.PurlText)));
    }

    public static ConditionTest? Version(ConditionOperator op, string value, out ConditionError? error)
    {
        error = null;
        var version = value.Trim();
        if (version.Length == 0)
        {
            error = new ConditionError("value", "a version is required");
            return null;
        }
        return new ComponentTest(c => c.Version is { Length: > 0 } v && VersionComparison.Holds(op, VersionOrder.Compare(v, version)));
    }

    /// <summary>The value is <c>{"algorithm": "SHA-256", "value": "…"}</c>; IS holds when the component has that hash.</summary>
    public static ConditionTest? ComponentHash(ConditionOperator op, string value, out ConditionError? error)
    {
        error = null;
        if (!ConditionJson.TryRead(value, ["algorithm", "value"], out var fields, out var message))
        {
            error = new ConditionError("value", message!);
            return null;
        }
        var algorithm = s_hashAlgorithms.FirstOrDefault(a => string.Equals(a, fields["algorithm"]?.Trim(), StringComparison.OrdinalIgnoreCase));
        var digest = fields["value"]?.Trim();
        if (algorithm is null || string.IsNullOrEmpty(digest))
        {
            error = new ConditionError("value", algorithm is null
                ? $"algorithm must be one of {string.Join(", ", s_hashAlgorithms)}"
                : "value (the hash's hex digest) is required");
            return null;
        }
        return new ComponentTest(c => HasHash(c, algorithm, digest) == (op == ConditionOperator.Is));
    }

    public static bool? Expect(ConditionOperator op, bool? matched) =>
        matched is null ? null : op == ConditionOperator.Matches ? matched : !matched;

    private static bool HasHash(Component component, string algorithm, string digest) =>
        component.Hashes.Any(h => string.Equals(h.Algorithm, algorithm, StringComparison.OrdinalIgnoreCase)
            && string.Equals(h.Content.Trim(), digest, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Reads a condition value written as a JSON object of string fields.</summary>
internal static class ConditionJson
{
    public static bool TryRead(string value, string[] names, out Dictionary<string, string?> fields, out string? error)
    {
        fields = names.ToDictionary(name => name, _ => (string?)null);
        error = null;
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"expected a JSON object with {string.Join(", ", names)}";
                return false;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields.ContainsKey(property.Name) && property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    error = $"{property.Name} must be a string";
                    return false;
                }
                if (fields.ContainsKey(property.Name))
                {
                    fields[property.Name] = property.Value.GetString();
                }
            }
            return true;
        }
        catch (JsonException e)
        {
            error = $"expected a JSON object with {string.Join(", ", names)}: {e.Message}";
            return false;
        }
    }
}
