using System.Xml;

namespace Depwatch.Core.Sbom;

/// <summary>Moving through elements, and where the reader stands.</summary>
internal sealed partial class CycloneDxXmlReader
{
    /// <summary>Moves into the current element's content; false, and past the element, when it is empty.</summary>
    private async ValueTask<bool> EnterAsync()
    {
        var isEmpty = _xml.IsEmptyElement;
        await _xml.ReadAsync();
        return !isEmpty;
    }

    /// <summary>Moves to the next child element; false, and past the parent's end tag, when there is none.</summary>
    private async ValueTask<bool> MoveToChildAsync()
    {
        while (true)
        {
            switch (_xml.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement:
                    await _xml.ReadAsync();
                    return false;
                default:
                    if (!await _xml.ReadAsync())
                    {
                        throw new BomFormatException("malformed XML: the document ends unexpectedly", Here());
                    }
                    break;
            }
        }
    }

    private bool IsInBomNamespace() => _xml.NamespaceURI == _namespace;

    private bool IsBomElement(string localName) => IsInBomNamespace() && _xml.LocalName == localName;

    /// <summary>The element's text, without the surrounding whitespace that pretty-printing may add.</summary>
    private async Task<string> ReadTextAsync() => (await ReadElementTextAsync()).Trim();

    private async Task<string> ReadElementTextAsync()
    {
        var (element, depth) = (_xml.Name, _xml.Depth);
        try
        {
            return await _xml.ReadElementContentAsStringAsync();
        }
        catch (XmlException) when (_xml.NodeType == XmlNodeType.Element && _xml.Depth > depth)
        {
            throw new BomFormatException($"expected only text in <{element}> but found the element <{_xml.Name}>", Here());
        }
    }

    private BomFormatException DuplicateElement() => MemberSet.Duplicate(_xml.LocalName, Here());

    private string Here() => $"line {_lineInfo.LineNumber}, position {_lineInfo.LinePosition}";
}
