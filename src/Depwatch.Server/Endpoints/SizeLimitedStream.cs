using Depwatch.Core.IO;

namespace Depwatch.Server.Endpoints;

/// <summary>
/// Reads a request body and fails with a 413 <see cref="BadHttpRequestException"/> once more than the limit has been
/// read, whatever the server in front enforces (the in-memory test server enforces nothing, and a chunked body
/// declares no length).
/// </summary>
internal sealed class SizeLimitedStream(Stream inner, long maxBytes) : ReadThroughStream(inner)
{
    /// <summary>Whether the client sent more than the limit: the answer is then 413, whatever the endpoint made of it.</summary>
    public bool Exceeded => BytesRead > maxBytes;

    protected override void OnRead(ReadOnlySpan<byte> read)
    {
        if (Exceeded)
        {
            throw new BadHttpRequestException(RequestLimits.TooLargeDetail(maxBytes), StatusCodes.Status413PayloadTooLarge);
        }
    }
}
