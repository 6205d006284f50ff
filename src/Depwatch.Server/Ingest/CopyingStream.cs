using Depwatch.Core.IO;

namespace Depwatch.Server.Ingest;

/// <summary>Reads <paramref name="source"/> and writes every byte read to <paramref name="copy"/> as well, e.g. to compress what is checked.</summary>
internal sealed class CopyingStream(Stream source, Stream copy) : ReadThroughStream(source)
{
    protected override void OnRead(ReadOnlySpan<byte> read) => copy.Write(read);

    protected override ValueTask OnReadAsync(ReadOnlyMemory<byte> read, CancellationToken cancellationToken) => copy.WriteAsync(read, cancellationToken);
}
