namespace Depwatch.Core.Tests.Sbom;

/// <summary>
/// Hands out at most <paramref name="chunkSize"/> bytes per read, each completing asynchronously, so that
/// every token and element straddles reads. Records the largest buffer a reader offered.
/// </summary>
internal sealed class TrickleStream(byte[] content, int chunkSize) : Stream
{
    private int _position;

    public int LargestReadRequest { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        LargestReadRequest = Math.Max(LargestReadRequest, buffer.Length);
        var count = Math.Min(Math.Min(chunkSize, buffer.Length), content.Length - _position);
        content.AsSpan(_position, count).CopyTo(buffer.Span);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The readers must read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
