using System.IO.Compression;
using Depwatch.Core.Sbom;

namespace Depwatch.Server.Ingest;

/// <summary>
/// An upload's BOM as it waits in the job queue: checked, then gzip-compressed (a BOM shrinks about tenfold), so that
/// the database holds, and the ingest job reads, a fraction of it. Payloads queued before compression are plain
/// documents, read as they are.
/// </summary>
internal static class BomPayload
{
    /// <summary>Checks the whole document (<see cref="BomContentRules"/>) and returns it compressed, ready to queue.</summary>
    /// <exception cref="BomFormatException">The document cannot be read, or holds what Depwatch cannot store.</exception>
    public static async Task<byte[]> CheckAndCompressAsync(ArraySegment<byte> bom, CancellationToken cancellationToken) =>
        await (await ReadAsync(Open(bom), cancellationToken)).PayloadAsync(cancellationToken);

    /// <summary>
    /// Reads a document from <paramref name="source"/> to its end once, checking it and compressing it as it comes: the
    /// document is never whole in memory, only its compressed form.
    /// </summary>
    public static async Task<BomDocument.Streamed> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        using var compressed = new MemoryStream();
        BomFormatException? problem = null;
        long length;
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var copying = new CopyingStream(source, gzip);
            try
            {
                BomContentRules.Check((await CycloneDxReader.ReadAsync(copying, BomContentRules.CheckOnly, cancellationToken)).Metadata);
            }
            catch (BomFormatException e)
            {
                problem = e;
            }
            // Whatever the reader left (trailing whitespace, or all of it after an error) still counts as sent.
            await copying.CopyToAsync(Stream.Null, cancellationToken);
            length = copying.Position;
        }
        return new BomDocument.Streamed(problem is null ? compressed.ToArray() : null, problem, length);
    }

    /// <summary>The length of the document a queued payload holds, read from the gzip trailer without decompressing.</summary>
    public static long DocumentLength(byte[] payload) =>
        payload is [0x1f, 0x8b, .., var b0, var b1, var b2, var b3] ? (uint)(b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) : payload.Length;

    /// <summary>The document a queued payload holds, decompressed as it is read.</summary>
    public static Stream Open(byte[] payload) =>
        payload is [0x1f, 0x8b, ..] ? new GZipStream(Open(new ArraySegment<byte>(payload)), CompressionMode.Decompress) : Open(new ArraySegment<byte>(payload));

    private static MemoryStream Open(ArraySegment<byte> bytes) => new(bytes.Array ?? [], bytes.Offset, bytes.Count, writable: false);
}
