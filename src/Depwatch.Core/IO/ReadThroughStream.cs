namespace Depwatch.Core.IO;

/// <summary>
/// A forward-only stream that reads through to <paramref name="inner"/> and shows each block read to the class that
/// derives from it (to count, copy or limit what passes), keeping the count as <see cref="Position"/>.
/// </summary>
public abstract class ReadThroughStream(Stream inner) : Stream
{
    /// <summary>The stream read through.</summary>
    protected Stream Inner => inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>How many bytes have been read.</summary>
    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    protected long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        BytesRead += read;
        OnRead(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        BytesRead += read;
        await OnReadAsync(buffer[..read], cancellationToken).ConfigureAwait(false);
        return read;
    }

    /// <summary>Sees a block just read (after <see cref="BytesRead"/> has counted it); may throw to end the reading.</summary>
    protected abstract void OnRead(ReadOnlySpan<byte> read);

    /// <summary>As <see cref="OnRead"/>, for asynchronous reads.</summary>
    protected virtual ValueTask OnReadAsync(ReadOnlyMemory<byte> read, CancellationToken cancellationToken)
    {
        OnRead(read.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
