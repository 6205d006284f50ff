using Depwatch.Core.IO;

namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// Reads through to another stream, counting what came out of it (as <see cref="Stream.Position"/>, which the xz decoder
/// asks for), and refuses more than <paramref name="maxBytes"/>.
/// </summary>
internal sealed class CountingStream(Stream inner, long maxBytes = long.MaxValue) : ReadThroughStream(inner)
{
    private readonly byte[] _tail = new byte[4];

    /// <summary>
    /// Whether the last four bytes read are <paramref name="length"/> modulo 2³², as a gzip stream's trailer says its
    /// uncompressed length: a gzip file cut short ends with compressed data instead.
    /// </summary>
    public bool EndsWithGzipLength(long length) =>
        BytesRead >= 4 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_tail) == (uint)length;

    protected override void OnRead(ReadOnlySpan<byte> read)
    {
        KeepTail(read);
        if (BytesRead > maxBytes)
        {
            throw new PackageIndexFormatException($"it is larger than {maxBytes / (1024 * 1024)} MiB uncompressed");
        }
    }

    private void KeepTail(ReadOnlySpan<byte> read)
    {
        if (read.Length >= _tail.Length)
        {
            read[^_tail.Length..].CopyTo(_tail);
            return;
        }
        _tail.AsSpan(read.Length).CopyTo(_tail);
        read.CopyTo(_tail.AsSpan(_tail.Length - read.Length));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
