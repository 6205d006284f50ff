using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Depwatch.Core.Sbom;
using SharpCompress.Compressors.Xz;

namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// Reads a package index into a <see cref="SourceIndexBuilder"/>, streaming: a Debian or Ubuntu <c>Packages</c>
/// file, plain, <c>.gz</c> or <c>.xz</c>, or an Alpine <c>APKINDEX</c>, plain or as <c>APKINDEX.tar.gz</c> (a gzipped
/// tar, its signature first). The compression and the format are told by the content, not by the file name.
/// </summary>
public static class PackageIndexReader
{
    /// <summary>A Debian <c>main</c> index is about 60 MB uncompressed; anything far larger is not an index.</summary>
    public const long DefaultMaxUncompressedBytes = 1L << 30;

    private static readonly byte[] s_gzip = [0x1f, 0x8b];
    private static readonly byte[] s_xz = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

    /// <returns>The format read and how many entries it had.</returns>
    /// <exception cref="PackageIndexFormatException">The content is not a package index, or is cut short.</exception>
    public static (PackageIndexFormat Format, int Entries) Read(
        Stream stream, SourceIndexBuilder into, long maxUncompressedBytes = DefaultMaxUncompressedBytes, CancellationToken cancellationToken = default)
    {
        try
        {
            var (decompressed, gzipInput) = Decompress(stream, cancellationToken);
            using var content = new CountingStream(decompressed, maxUncompressedBytes);
            var (head, rest) = Peek(content, 512, cancellationToken);
            if (IsTar(head.Span))
            {
                return ReadApkIndexTar(rest, into, cancellationToken);
            }
            var read = ReadText(rest, head.Span, into, cancellationToken);
            // The tar format says each member's length; a plain gzipped file is checked against its trailer.
            return gzipInput is null || gzipInput.EndsWithGzipLength(content.Position)
                ? read
                : throw new PackageIndexFormatException("the gzip data is cut short");
        }
        catch (Exception e) when (e is not (PackageIndexFormatException or OperationCanceledException or OutOfMemoryException))
        {
            // Decoders throw what they like on damaged data (the xz decoder its own exception types).
            throw new PackageIndexFormatException($"the data is damaged or cut short ({e.Message})", e);
        }
    }

    // APKINDEX.tar.gz is two gzip streams one after the other (signature, then index), which GZipStream reads as one.
    private static (Stream Content, CountingStream? GzipInput) Decompress(Stream stream, CancellationToken cancellationToken)
    {
        var (head, rest) = Peek(stream, 6, cancellationToken);
        var magic = head.Span;
        if (magic.StartsWith(s_gzip))
        {
            var input = new CountingStream(rest);
            return (new GZipStream(input, CompressionMode.Decompress), input);
        }
        if (magic.StartsWith(s_xz))
        {
            return (new XZStream(new CountingStream(rest)), null);
        }
        if (magic.StartsWith((byte[])[0x04, 0x22, 0x4d, 0x18]) || magic.StartsWith((byte[])[0x28, 0xb5, 0x2f, 0xfd]) || magic.StartsWith("BZh"u8))
        {
            throw new PackageIndexFormatException("it is compressed with lz4, zstd or bzip2; give it plain, gzip or xz compressed "
                + "(apt's own lists: /usr/lib/apt/apt-helper cat-file FILE)");
        }
        return (rest, null);
    }

    private static (PackageIndexFormat, int) ReadText(Stream content, ReadOnlySpan<byte> head, SourceIndexBuilder into, CancellationToken cancellationToken)
    {
        var format = FormatOf(head);
        using var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        return (format, IndexTextParser.Parse(new LineReader(text), format, into, cancellationToken));
    }

    private static (PackageIndexFormat, int) ReadApkIndexTar(Stream content, SourceIndexBuilder into, CancellationToken cancellationToken)
    {
        using var tar = new TarReader(content);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == "APKINDEX" && entry.DataStream is { } data)
            {
                var counted = new CountingStream(data);
                using var text = new StreamReader(counted, Encoding.UTF8);
                var entries = IndexTextParser.Parse(new LineReader(text), PackageIndexFormat.AlpineApkIndex, into, cancellationToken);
                return counted.Position == entry.Length
                    ? (PackageIndexFormat.AlpineApkIndex, entries)
                    : throw new PackageIndexFormatException($"the APKINDEX member is cut short: {counted.Position} of its {entry.Length} bytes");
            }
        }
        throw new PackageIndexFormatException("the tar archive has no APKINDEX member");
    }

    private static PackageIndexFormat FormatOf(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', '\r', '\n', ' ');
        if (text.StartsWith("Package:", StringComparison.OrdinalIgnoreCase))
        {
            return PackageIndexFormat.DebianPackages;
        }
        if (text.Length >= 2 && char.IsAsciiLetter(text[0]) && text[1] == ':')
        {
            return PackageIndexFormat.AlpineApkIndex;
        }
        var firstLine = text.Split('\n', 2)[0];
        throw new PackageIndexFormatException(
            $"it is neither a Debian Packages file nor an Alpine APKINDEX: it starts with '{IndexTextParser.Shorten(firstLine)}'");
    }

    // ustar archives say so at offset 257.
    private static bool IsTar(ReadOnlySpan<byte> head) => head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8);

    private static (ReadOnlyMemory<byte> Head, Stream Content) Peek(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        var head = buffer.AsMemory(0, read);
        return (head, new PrefixedStream(head, stream, cancellationToken));
    }
}
