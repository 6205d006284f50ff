namespace Depwatch.Server.Endpoints;

/// <summary>
/// Reads a request body and fails with a 413 <see cref="BadHttpRequestException"/> once more than the limit has been
/// read, whatever the server in front enforces (the in-memory test server enforces nothing, and a chunked body
/// declares no length).
/// </summary>
internal sealed class SizeLimitedStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    /// <summary>Whether the client sent more than the limit: the answer is then 413, whatever the endpoint made of it.</summary>
    public bool Exceeded => _read > maxBytes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return Exceeded ? throw new BadHttpRequestException(RequestLimits.TooLargeDetail(maxBytes), StatusCodes.Status413PayloadTooLarge) : read;
    }
}
