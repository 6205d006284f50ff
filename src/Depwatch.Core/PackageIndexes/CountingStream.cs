namespace Depwatch.Core.PackageIndexes;

/// <summary>
/// Reads through to another stream, counting what came out of it (as <see cref="Position"/>, which the xz decoder asks
/// for), and refuses more than <paramref name="maxBytes"/>.
/// </summary>
internal sealed class CountingStream(Stream inner, long maxBytes = long.MaxValue) : Stream
{
    private readonly byte[] _tail = new byte[4];
    private long _read;

    /// <summary>
    /// Whether the last four bytes read are <paramref name="length"/> modulo 2³², as a gzip stream's trailer says its
    /// uncompressed length: a gzip file cut short ends with compressed data instead.
    /// </summary>
    public bool EndsWithGzipLength(long length) =>
        _read >= 4 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_tail) == (uint)length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        _read += read;
        KeepTail(buffer[..read]);
        if (_read > maxBytes)
        {
            throw new PackageIndexFormatException($"it is larger than {maxBytes / (1024 * 1024)} MiB uncompressed");
        }
        return read;
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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
