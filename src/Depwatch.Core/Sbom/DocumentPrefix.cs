namespace Depwatch.Core.Sbom;

/// <summary>
/// The first bytes of a document, read to tell JSON from XML. The format readers go on from these bytes
/// rather than reading them again, so the caller's stream need not be seekable.
/// </summary>
internal sealed class DocumentPrefix
{
    public const int BufferSize = 32 * 1024;

    private DocumentPrefix()
    {
    }

    public byte[] Buffer { get; private set; } = new byte[BufferSize];

    /// <summary>Where the content starts: 3 after a UTF-8 byte order mark, else 0.</summary>
    public int ContentStart { get; private set; }

    public int End { get; private set; }

    public bool EndOfStream { get; private set; }

    public DocumentKind Kind { get; private set; }

    /// <summary>For XML: where the prolog declares a DOCTYPE, when it does within the first buffer.</summary>
    public string? DoctypeLocation { get; private set; }

    /// <exception cref="BomFormatException">The document is empty or neither JSON nor XML.</exception>
    public static async Task<DocumentPrefix> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new DocumentPrefix();
        await prefix.SkipByteOrderMarkAsync(stream, cancellationToken);
        var first = await prefix.FindFirstSignificantByteAsync(stream, cancellationToken);
        prefix.Kind = Classify(prefix.Buffer, first);
        if (prefix.Kind == DocumentKind.Xml)
        {
            await prefix.ScanXmlPrologAsync(stream, cancellationToken);
        }
        return prefix;
    }

    private async Task SkipByteOrderMarkAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (End < 3 && !EndOfStream)
        {
            await FillAsync(stream, cancellationToken);
        }
        ContentStart = Buffer.AsSpan(0, End).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
    }

    private async Task<int> FindFirstSignificantByteAsync(Stream stream, CancellationToken cancellationToken)
    {
        var scanned = ContentStart;
        while (true)
        {
            var significant = Buffer.AsSpan(scanned, End - scanned).IndexOfAnyExcept(" \t\r\n"u8);
            if (significant >= 0)
            {
                return scanned + significant;
            }
            scanned = End;
            if (EndOfStream)
            {
                throw new BomFormatException("the document is empty", $"byte {End}");
            }
            await FillAsync(stream, cancellationToken);
        }
    }

    private static DocumentKind Classify(byte[] buffer, int first) => buffer[first] switch
    {
        (byte)'{' or (byte)'[' => DocumentKind.Json,
        (byte)'<' => DocumentKind.Xml,
        _ => throw new BomFormatException("not a CycloneDX document: expected JSON or XML", $"byte {first}"),
    };

    /// <summary>Reads on until the prolog is seen whole, or the first buffer is full, and looks for a DOCTYPE.</summary>
    private async Task ScanXmlPrologAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var scan = XmlPrologScanner.Scan(Buffer.AsSpan(ContentStart, End - ContentStart));
            if (scan.Outcome != XmlPrologOutcome.Undecided || EndOfStream || End == Buffer.Length)
            {
                DoctypeLocation = scan.Outcome == XmlPrologOutcome.Doctype ? scan.Location : null;
                return;
            }
            await FillAsync(stream, cancellationToken);
        }
    }

    private async Task FillAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (End == Buffer.Length)
        {
            var larger = Buffer;
            Array.Resize(ref larger, Buffer.Length * 2);
            Buffer = larger;
        }
        var read = await stream.ReadAsync(Buffer.AsMemory(End), cancellationToken);
        End += read;
        EndOfStream = read == 0;
    }
}
