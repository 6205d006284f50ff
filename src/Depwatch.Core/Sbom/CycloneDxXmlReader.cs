using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Depwatch.Core.Sbom;

/// <summary>Reads a CycloneDX XML document with a forward-only XmlReader that resolves nothing external.</summary>
internal sealed partial class CycloneDxXmlReader
{
    private static readonly string[] s_bomElements = ["metadata", "components", "dependencies"];

    private readonly XmlReader _xml;
    private readonly IXmlLineInfo _lineInfo;
    private readonly BomAssembler _bom;
    private readonly CancellationToken _cancellationToken;
    private string _namespace = "";
    private bool _isInRootElement;

    private CycloneDxXmlReader(XmlReader xml, BomAssembler bom, CancellationToken cancellationToken)
    {
        _xml = xml;
        _lineInfo = (IXmlLineInfo)xml;
        _bom = bom;
        _cancellationToken = cancellationToken;
    }

    public static async Task<Bom> ReadAsync(
        Stream stream, DocumentPrefix prefix, CycloneDxReaderOptions options, CancellationToken cancellationToken)
    {
        if (prefix.DoctypeLocation is { } doctypeLocation)
        {
            throw DtdNotAllowed(doctypeLocation);
        }
        var input = new PrefixedStream(prefix.Buffer.AsMemory(0, prefix.End), stream, cancellationToken);
        using var xml = XmlReader.Create(input, CreateSettings());
        var reader = new CycloneDxXmlReader(xml, new BomAssembler(options), cancellationToken);
        try
        {
            return await reader.ReadDocumentAsync();
        }
        catch (XmlException e)
        {
            throw reader.Malformed(e);
        }
    }

    /// <summary>Forward-only, no DTDs, nothing resolved: how every CycloneDX XML document is read.</summary>
    internal static XmlReaderSettings CreateSettings() => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private async Task<Bom> ReadDocumentAsync()
    {
        await MoveToRootElementAsync();
        var specVersion = ReadSpecVersionFromNamespace();
        var serialNumber = _xml.GetAttribute("serialNumber");
        var version = ReadVersionAttribute();
        var seen = new MemberSet(s_bomElements);
        if (await EnterAsync())
        {
            while (await MoveToChildAsync())
            {
                if (IsInBomNamespace() && !seen.TryAdd(_xml.LocalName))
                {
                    throw DuplicateElement();
                }
                await ReadBomChildAsync();
            }
        }
        // Reading on lets XmlReader reject a second root element or other trailing content.
        while (await _xml.ReadAsync())
        {
        }
        return _bom.Build(specVersion, serialNumber, version);
    }

    private Task ReadBomChildAsync() => !IsInBomNamespace()
        ? _xml.SkipAsync()
        : _xml.LocalName switch
        {
            "metadata" => ReadMetadataAsync(),
            "components" => ReadComponentsAsync(nesting: 1),
            "dependencies" => ReadDependenciesAsync(),
            _ => _xml.SkipAsync(),
        };

    private async Task MoveToRootElementAsync()
    {
        while (await _xml.ReadAsync())
        {
            if (_xml.NodeType == XmlNodeType.Element)
            {
                _isInRootElement = true;
                return;
            }
        }
        throw new BomFormatException("not a CycloneDX document: the XML has no root element", Here());
    }

    private string ReadSpecVersionFromNamespace()
    {
        if (_xml.LocalName != "bom")
        {
            throw new BomFormatException(
                $"not a CycloneDX document: the root element is <{_xml.Name}>, expected <bom>", Here());
        }
        _namespace = _xml.NamespaceURI;
        return CycloneDxSpec.VersionFromNamespace(_namespace) ?? throw new BomFormatException(
            $"unsupported XML namespace '{_namespace}': Depwatch reads CycloneDX {CycloneDxSpec.SupportedRange}"
            + $" ({CycloneDxSpec.NamespacePrefix}1.2 to {CycloneDxSpec.NamespacePrefix}1.6)",
            Here());
    }

    private int? ReadVersionAttribute()
    {
        var text = _xml.GetAttribute("version");
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new BomFormatException($"expected an integer for the bom version but found '{text}'", Here());
    }

    private static BomFormatException DtdNotAllowed(string location, Exception? inner = null) =>
        new("DTDs are not allowed", location, inner);

    private BomFormatException Malformed(XmlException e)
    {
        // XmlReader reports a prohibited DTD without a position; it can only be one in the prolog.
        if (!_isInRootElement && e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return DtdNotAllowed("the XML prolog", e);
        }
        var location = e.LineNumber > 0 ? $"line {e.LineNumber}, position {e.LinePosition}" : Here();
        return new BomFormatException($"malformed XML: {PositionSuffix().Replace(e.Message, "")}", location, e);
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.$")]
    private static partial Regex PositionSuffix();
}
