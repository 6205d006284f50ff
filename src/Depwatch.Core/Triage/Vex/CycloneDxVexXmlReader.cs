using System.Xml;
using System.Xml.Linq;
using Depwatch.Core.Sbom;

namespace Depwatch.Core.Triage.Vex;

/// <summary>
/// Reads the vulnerabilities of a CycloneDX XML document as VEX statements, with the SBOM reader's settings: no DTDs,
/// nothing external resolved.
/// </summary>
internal static class CycloneDxVexXmlReader
{
    public static VexStatements Read(Stream stream)
    {
        XDocument document;
        try
        {
            var settings = CycloneDxXmlReader.CreateSettings();
            settings.Async = false;
            using var xml = XmlReader.Create(stream, settings);
            document = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            var problem = e.Message.Contains("DTD", StringComparison.Ordinal) ? "DTDs are not allowed" : $"malformed XML: {e.Message}";
            throw new VexFormatException(problem, e.LineNumber > 0 ? $"line {e.LineNumber}, position {e.LinePosition}" : "the XML prolog", e);
        }
        var root = document.Root!;
        if (root.Name.LocalName != "bom" || CycloneDxSpec.VersionFromNamespace(root.Name.NamespaceName) is null)
        {
            throw new VexFormatException(
                $"not a CycloneDX document: the root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}'", Where(root));
        }
        XNamespace ns = root.Name.NamespaceName;
        var components = new Dictionary<string, VexProduct>(StringComparer.Ordinal);
        if (root.Element(ns + "metadata")?.Element(ns + "component") is { } subject)
        {
            Describe(subject, ns, components, isSubject: true);
        }
        foreach (var component in root.Element(ns + "components")?.Descendants(ns + "component") ?? [])
        {
            Describe(component, ns, components, isSubject: false);
        }
        var statements = root.Element(ns + "vulnerabilities")?.Elements(ns + "vulnerability").Select(v => Statement(v, ns, components)).ToList() ?? [];
        return new VexStatements(VexFormat.CycloneDx, (string?)root.Attribute("serialNumber"), Version(root), statements);
    }

    private static void Describe(XElement component, XNamespace ns, Dictionary<string, VexProduct> components, bool isSubject)
    {
        if ((string?)component.Attribute("bom-ref") is { } bomRef)
        {
            components.TryAdd(bomRef, new VexProduct(bomRef, Text(component, ns + "purl"), Text(component, ns + "group"), Text(component, ns + "name"),
                Text(component, ns + "version"), isSubject));
        }
    }

    private static VexStatement Statement(XElement vulnerability, XNamespace ns, Dictionary<string, VexProduct> components)
    {
        var id = Text(vulnerability, ns + "id") ?? throw new VexFormatException("the vulnerability has no <id>", Where(vulnerability));
        var aliases = vulnerability.Element(ns + "references")?.Elements(ns + "reference").Select(r => Text(r, ns + "id")).OfType<string>().ToList() ?? [];
        FindingAnalysis? analysis = null;
        if (vulnerability.Element(ns + "analysis") is { } element)
        {
            var responses = element.Element(ns + "responses")?.Elements(ns + "response").Select(r => r.Value.Trim()).ToList() ?? [];
            analysis = CycloneDxVexAnalysis.From(Text(element, ns + "state"), Text(element, ns + "justification"), responses, Text(element, ns + "detail"),
                field => Where(element.Element(ns + field) ?? element.Element(ns + $"{field}s") ?? element));
        }
        var products = vulnerability.Element(ns + "affects")?.Elements(ns + "target")
            .Select(t => CycloneDxVexReader.Product(Text(t, ns + "ref") ?? throw new VexFormatException("the target has no <ref>", Where(t)), components))
            .ToList() ?? [];
        return new VexStatement(id, Text(vulnerability.Element(ns + "source"), ns + "name"), aliases, analysis, products, Where(vulnerability));
    }

    private static int? Version(XElement root)
    {
        var text = (string?)root.Attribute("version");
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new VexFormatException($"expected an integer for the bom version but found '{text}'", Where(root));
    }

    private static string? Text(XElement? parent, XName name) => parent?.Element(name)?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static string Where(XElement element) =>
        element is IXmlLineInfo { LineNumber: > 0 } info ? $"line {info.LineNumber}, position {info.LinePosition}" : $"<{element.Name.LocalName}>";
}
