using System.Text.Json;
using Depwatch.Core.Sbom;

namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// Reads the vulnerabilities of a CycloneDX JSON document (1.4 and later carry them) as VEX statements: each
/// <c>affects</c> ref becomes a product, described by what the document says of the component with that bom-ref.
/// </summary>
internal static class CycloneDxVexReader
{
    public static VexStatements Read(JsonElement root)
    {
        VexJson.ExpectObject(root, "$", "a CycloneDX document");
        var bomFormat = VexJson.OptionalString(root, "bomFormat", "$");
        if (bomFormat != CycloneDxSpec.BomFormat)
        {
            throw new VexFormatException(
                bomFormat is null ? "not a CycloneDX document: bomFormat is missing" : $"not a CycloneDX document: bomFormat is '{bomFormat}', expected 'CycloneDX'",
                "$.bomFormat");
        }
        var specVersion = VexJson.RequiredString(root, "specVersion", "$");
        if (CycloneDxSpec.FindVersion(specVersion) is null)
        {
            throw new VexFormatException($"unsupported CycloneDX specVersion '{specVersion}': Depwatch reads {CycloneDxSpec.SupportedRange}", "$.specVersion");
        }
        var components = new Dictionary<string, VexProduct>(StringComparer.Ordinal);
        var subject = VexJson.OptionalObject(VexJson.OptionalObject(root, "metadata", "$") ?? default, "component", "$.metadata") is { } metadata
            ? Describe(metadata, "$.metadata.component", components, isSubject: true)
            : null;
        foreach (var (component, path) in VexJson.Array(root, "components", "$"))
        {
            Index(component, path, components);
        }
        var statements = VexJson.Array(root, "vulnerabilities", "$").Select(v => Statement(v.Element, v.Path, components)).ToList();
        return new VexStatements(VexFormat.CycloneDx, VexJson.OptionalString(root, "serialNumber", "$"), VexJson.OptionalInt(root, "version", "$"), statements);
    }

    private static void Index(JsonElement component, string path, Dictionary<string, VexProduct> components)
    {
        Describe(component, path, components, isSubject: false);
        foreach (var (nested, nestedPath) in VexJson.Array(component, "components", path))
        {
            Index(nested, nestedPath, components);
        }
    }

    private static VexProduct Describe(JsonElement component, string path, Dictionary<string, VexProduct> components, bool isSubject)
    {
        VexJson.ExpectObject(component, path, "a component");
        var bomRef = VexJson.OptionalString(component, "bom-ref", path);
        var product = new VexProduct(bomRef, VexJson.OptionalString(component, "purl", path), VexJson.OptionalString(component, "group", path),
            VexJson.OptionalString(component, "name", path), VexJson.OptionalString(component, "version", path), isSubject);
        if (bomRef is not null)
        {
            components.TryAdd(bomRef, product);
        }
        return product;
    }

    private static VexStatement Statement(JsonElement vulnerability, string path, Dictionary<string, VexProduct> components)
    {
        VexJson.ExpectObject(vulnerability, path, "a vulnerability");
        var id = VexJson.RequiredString(vulnerability, "id", path);
        var source = VexJson.OptionalObject(vulnerability, "source", path) is { } sourceObject ? VexJson.OptionalString(sourceObject, "name", $"{path}.source") : null;
        var aliases = VexJson.Array(vulnerability, "references", path)
            .Select(r => VexJson.OptionalString(r.Element, "id", r.Path)).OfType<string>().ToList();
        FindingAnalysis? analysis = null;
        if (VexJson.OptionalObject(vulnerability, "analysis", path) is { } analysisObject)
        {
            var at = $"{path}.analysis";
            var responses = VexJson.Array(analysisObject, "response", at)
                .Select(r => r.Element.ValueKind == JsonValueKind.String ? r.Element.GetString()! : throw new VexFormatException("expected a string", r.Path)).ToList();
            analysis = CycloneDxVexAnalysis.From(VexJson.OptionalString(analysisObject, "state", at), VexJson.OptionalString(analysisObject, "justification", at),
                responses, VexJson.OptionalString(analysisObject, "detail", at), field => $"{at}.{field}");
        }
        var products = VexJson.Array(vulnerability, "affects", path)
            .Select(a => Product(VexJson.RequiredString(a.Element, "ref", a.Path), components)).ToList();
        return new VexStatement(id, source, aliases, analysis, products, path);
    }

    /// <summary>The product an <c>affects</c> ref names: the document's own component with that bom-ref, when it has one.</summary>
    internal static VexProduct Product(string reference, IReadOnlyDictionary<string, VexProduct> components) =>
        components.TryGetValue(reference, out var described)
            ? described with { Ref = reference }
            : new VexProduct(reference, reference.StartsWith("pkg:", StringComparison.Ordinal) ? reference : null, null, null, null);
}
