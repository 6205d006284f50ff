using Depwatch.Core.Sbom;

namespace Depwatch.Server.Ingest;

/// <summary>
/// An uploaded CycloneDX document: its bytes as sent, or, when it was streamed, already checked and compressed as it
/// arrived (then what was wrong with it, if anything, waits to be told at the moment the bytes would have been checked).
/// </summary>
internal abstract record BomDocument
{
    /// <summary>Whether nothing was sent.</summary>
    public abstract bool IsEmpty { get; }

    public static implicit operator BomDocument(byte[] bytes) => new Sent(bytes);

    /// <summary>The payload to queue: the document checked and compressed.</summary>
    /// <exception cref="BomFormatException">The document cannot be read, or holds what Depwatch cannot store.</exception>
    public abstract Task<byte[]> PayloadAsync(CancellationToken cancellationToken);

    public sealed record Sent(ArraySegment<byte> Bytes) : BomDocument
    {
        public override bool IsEmpty => Bytes.Count == 0;

        public override Task<byte[]> PayloadAsync(CancellationToken cancellationToken) => BomPayload.CheckAndCompressAsync(Bytes, cancellationToken);
    }

    public sealed record Streamed(byte[]? Payload, BomFormatException? Problem, long Bytes) : BomDocument
    {
        public override bool IsEmpty => Bytes == 0;

        public override Task<byte[]> PayloadAsync(CancellationToken cancellationToken) =>
            Problem is null ? Task.FromResult(Payload!) : Task.FromException<byte[]>(Problem);
    }
}
