using System.Text.Json;

namespace Depwatch.Core.Triage.Vex;

/// <summary>Reads a VEX document, telling CycloneDX (JSON or XML) from OpenVEX by its content.</summary>
public static class VexReader
{
    private const int MaxDepth = 256;

    /// <param name="formats">The formats the caller accepts; another is refused, naming it.</param>
    /// <exception cref="VexFormatException">The document is malformed, not a VEX, or of a format not accepted.</exception>
    public static VexStatements Read(ReadOnlyMemory<byte> document, params VexFormat[] formats)
    {
        var text = document.Span;
        var start = text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var first = text[start..].IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            throw new VexFormatException("the document is empty", $"byte {text.Length}");
        }
        var statements = text[start + first] switch
        {
            (byte)'<' => CycloneDxVexXmlReader.Read(new MemoryStream(document.ToArray(), writable: false)),
            (byte)'{' => ReadJson(document[start..]),
            _ => throw new VexFormatException("not a VEX document: expected CycloneDX (JSON or XML) or OpenVEX (JSON)", $"byte {start + first}"),
        };
        if (!formats.Contains(statements.Format))
        {
            throw new VexFormatException(
                $"{(statements.Format == VexFormat.OpenVex ? "an OpenVEX" : "a CycloneDX")} document, where a {string.Join(" or ", formats.Select(Name))} VEX is expected", "$");
        }
        return statements;
    }

    private static VexStatements ReadJson(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new VexFormatException($"malformed JSON: {e.Message.Split(" Path:", 2)[0]}",
                $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}", e);
        }
        using (document)
        {
            return OpenVexReader.IsOpenVex(document.RootElement) ? OpenVexReader.Read(document.RootElement) : CycloneDxVexReader.Read(document.RootElement);
        }
    }

    private static string Name(VexFormat format) => format == VexFormat.OpenVex ? "OpenVEX" : "CycloneDX";
}
