using System.Globalization;
using System.Text;
using System.Xml;
using Depwatch.Core.Components;

namespace Depwatch.Testing.Sboms;

public sealed partial class BomBuilder
{
    public string XmlNamespace => $"http://cyclonedx.org/schema/bom/{specVersion}";

    public string ToXml()
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartElement("bom", XmlNamespace);
            WriteOptionalAttribute(xml, "serialNumber", SerialNumber);
            WriteOptionalAttribute(xml, "version", Version?.ToString(CultureInfo.InvariantCulture));
            WriteXmlMetadata(xml);
            WriteXmlComponents(xml, _components);
            WriteXmlDependencies(xml);
            xml.WriteEndElement();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteXmlMetadata(XmlWriter xml)
    {
        xml.WriteStartElement("metadata", XmlNamespace);
        xml.WriteElementString("timestamp", XmlNamespace, "2024-05-01T12:00:00Z");
        if (_tools.Count > 0)
        {
            WriteXmlTools(xml);
        }
        if (_metadataComponent is not null)
        {
            WriteXmlComponent(xml, _metadataComponent);
        }
        xml.WriteEndElement();
    }

    private void WriteXmlTools(XmlWriter xml)
    {
        xml.WriteStartElement("tools", XmlNamespace);
        if (!_useLegacyTools)
        {
            xml.WriteStartElement("components", XmlNamespace);
        }
        foreach (var (vendor, name, version) in _tools)
        {
            xml.WriteStartElement(_useLegacyTools ? "tool" : "component", XmlNamespace);
            if (!_useLegacyTools)
            {
                xml.WriteAttributeString("type", "application");
            }
            WriteOptionalElement(xml, _useLegacyTools ? "vendor" : "group", vendor);
            xml.WriteElementString("name", XmlNamespace, name);
            WriteOptionalElement(xml, "version", version);
            xml.WriteEndElement();
        }
        if (!_useLegacyTools)
        {
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private void WriteXmlComponents(XmlWriter xml, List<BomComponentSpec> components)
    {
        if (components.Count == 0)
        {
            return;
        }
        xml.WriteStartElement("components", XmlNamespace);
        components.ForEach(component => WriteXmlComponent(xml, component));
        xml.WriteEndElement();
    }

    private void WriteXmlComponent(XmlWriter xml, BomComponentSpec component)
    {
        xml.WriteStartElement("component", XmlNamespace);
        xml.WriteAttributeString("type", component.Type);
        WriteOptionalAttribute(xml, "bom-ref", component.BomRef);
        WriteOptionalElement(xml, "group", component.Group);
        xml.WriteElementString("name", XmlNamespace, component.Name);
        WriteOptionalElement(xml, "version", component.Version);
        WriteXmlHashes(xml, component.Hashes);
        WriteXmlLicenses(xml, component.Licenses);
        WriteOptionalElement(xml, "purl", component.Purl);
        if (component.Properties.Count > 0)
        {
            xml.WriteStartElement("properties", XmlNamespace);
            foreach (var property in component.Properties)
            {
                xml.WriteStartElement("property", XmlNamespace);
                xml.WriteAttributeString("name", property.Name);
                xml.WriteString(property.Value);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        WriteXmlComponents(xml, component.Nested);
        xml.WriteEndElement();
    }

    private void WriteXmlHashes(XmlWriter xml, List<ComponentHash> hashes)
    {
        if (hashes.Count == 0)
        {
            return;
        }
        xml.WriteStartElement("hashes", XmlNamespace);
        foreach (var hash in hashes)
        {
            xml.WriteStartElement("hash", XmlNamespace);
            xml.WriteAttributeString("alg", hash.Algorithm);
            xml.WriteString(hash.Content);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private void WriteXmlLicenses(XmlWriter xml, List<ComponentLicense> licenses)
    {
        if (licenses.Count == 0)
        {
            return;
        }
        xml.WriteStartElement("licenses", XmlNamespace);
        foreach (var license in licenses)
        {
            if (license.Expression is { } expression)
            {
                xml.WriteElementString("expression", XmlNamespace, expression);
                continue;
            }
            xml.WriteStartElement("license", XmlNamespace);
            xml.WriteElementString(license.Id is null ? "name" : "id", XmlNamespace, license.Id ?? license.Name);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private void WriteXmlDependencies(XmlWriter xml)
    {
        if (_dependencies.Count == 0)
        {
            return;
        }
        xml.WriteStartElement("dependencies", XmlNamespace);
        foreach (var (reference, dependsOn) in _dependencies)
        {
            xml.WriteStartElement("dependency", XmlNamespace);
            xml.WriteAttributeString("ref", reference);
            foreach (var dependency in dependsOn)
            {
                xml.WriteStartElement("dependency", XmlNamespace);
                xml.WriteAttributeString("ref", dependency);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private void WriteOptionalElement(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, XmlNamespace, value);
        }
    }

    private static void WriteOptionalAttribute(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteAttributeString(name, value);
        }
    }
}
