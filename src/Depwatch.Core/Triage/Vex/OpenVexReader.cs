using System.Globalization;
using System.Text.Json;

namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// Reads an OpenVEX document, in its first form (identifiers as strings) or 0.2.0's (objects), as VEX statements:
/// <c>not_affected</c> and <c>fixed</c> suppress, as they do for Trivy's <c>--vex</c>.
/// </summary>
internal static class OpenVexReader
{
    private static readonly Dictionary<string, AnalysisState> s_states = new(StringComparer.Ordinal)
    {
        ["not_affected"] = AnalysisState.NotAffected,
        ["fixed"] = AnalysisState.Resolved,
        ["affected"] = AnalysisState.Exploitable,
        ["under_investigation"] = AnalysisState.InTriage,
    };

    private static readonly Dictionary<string, AnalysisJustification> s_justifications = new(StringComparer.Ordinal)
    {
        ["component_not_present"] = AnalysisJustification.CodeNotPresent,
        ["vulnerable_code_not_present"] = AnalysisJustification.CodeNotPresent,
        ["vulnerable_code_not_in_execute_path"] = AnalysisJustification.CodeNotReachable,
        ["vulnerable_code_cannot_be_controlled_by_adversary"] = AnalysisJustification.RequiresEnvironment,
        ["inline_mitigations_already_exist"] = AnalysisJustification.ProtectedByMitigatingControl,
    };

    public static bool IsOpenVex(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("@context", out var context)
        && context.ValueKind == JsonValueKind.String && context.GetString()!.StartsWith(OpenVexWriter.Context, StringComparison.Ordinal);

    public static VexStatements Read(JsonElement root)
    {
        var timestamp = Timestamp(root, "$");
        var statements = VexJson.Array(root, "statements", "$").Select(s => Statement(s.Element, s.Path, timestamp)).ToList();
        return new VexStatements(VexFormat.OpenVex, VexJson.OptionalString(root, "@id", "$"), null, statements);
    }

    private static VexStatement Statement(JsonElement statement, string path, DateTimeOffset? documentTimestamp)
    {
        VexJson.ExpectObject(statement, path, "a statement");
        var (id, aliases) = Vulnerability(statement, path);
        var status = VexJson.RequiredString(statement, "status", path);
        var state = s_states.TryGetValue(status, out var known)
            ? known
            : throw new VexFormatException($"unknown status '{status}': expected one of {string.Join(", ", s_states.Keys)}", $"{path}.status");
        var justificationName = VexJson.OptionalString(statement, "justification", path);
        var justification = AnalysisJustification.NotSet;
        if (justificationName is not null && !s_justifications.TryGetValue(justificationName, out justification))
        {
            throw new VexFormatException(
                $"unknown justification '{justificationName}': expected one of {string.Join(", ", s_justifications.Keys)}", $"{path}.justification");
        }
        var details = VexJson.OptionalString(statement, "impact_statement", path) ?? VexJson.OptionalString(statement, "action_statement", path)
            ?? VexJson.OptionalString(statement, "status_notes", path);
        var analysis = new FindingAnalysis(state, justification, AnalysisResponse.NotSet, details,
            state is AnalysisState.NotAffected or AnalysisState.Resolved);
        var subcomponents = VexJson.Array(statement, "subcomponents", path).Select(s => Product(s.Element, s.Path)).ToList();
        var products = VexJson.Array(statement, "products", path)
            .Select(p => Product(p.Element, p.Path) is var product && product.Subcomponents.Count == 0 ? product with { Subcomponents = subcomponents } : product)
            .ToList();
        return new VexStatement(id, null, aliases, analysis, products, path) { Timestamp = Timestamp(statement, path) ?? documentTimestamp };
    }

    private static (string Id, IReadOnlyList<string> Aliases) Vulnerability(JsonElement statement, string path)
    {
        if (statement.TryGetProperty("vulnerability", out var vulnerability) && vulnerability.ValueKind == JsonValueKind.String)
        {
            return (VexJson.RequiredString(statement, "vulnerability", path), []);
        }
        var at = $"{path}.vulnerability";
        var named = VexJson.OptionalObject(statement, "vulnerability", path) ?? throw new VexFormatException("the statement names no vulnerability", at);
        var aliases = VexJson.Array(named, "aliases", at).Select(a => a.Element.GetString()).OfType<string>().ToList();
        var id = VexJson.OptionalString(named, "name", at) ?? VexJson.RequiredString(named, "@id", at);
        return (id, aliases);
    }

    private static VexProduct Product(JsonElement product, string path)
    {
        if (product.ValueKind == JsonValueKind.String)
        {
            var id = product.GetString()!;
            return new VexProduct(id, id.StartsWith("pkg:", StringComparison.Ordinal) ? id : null, null, null, null);
        }
        VexJson.ExpectObject(product, path, "a product");
        var reference = VexJson.OptionalString(product, "@id", path);
        var purl = VexJson.OptionalObject(product, "identifiers", path) is { } identifiers ? VexJson.OptionalString(identifiers, "purl", $"{path}.identifiers") : null;
        purl ??= reference?.StartsWith("pkg:", StringComparison.Ordinal) == true ? reference : null;
        if (reference is null && purl is null)
        {
            throw new VexFormatException("the product has neither an @id nor a purl identifier", path);
        }
        return new VexProduct(reference, purl, null, null, null)
        {
            Subcomponents = [.. VexJson.Array(product, "subcomponents", path).Select(s => Product(s.Element, s.Path))],
        };
    }

    private static DateTimeOffset? Timestamp(JsonElement element, string path)
    {
        var text = VexJson.OptionalString(element, "timestamp", path);
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp)
            ? timestamp
            : throw new VexFormatException($"'{text}' is not a timestamp", $"{path}.timestamp");
    }
}
