using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Depwatch.Cli.Output;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> whose bytes are passed on to a <see cref="TextWriter"/> in chunks, so a
/// large report never sits in memory whole.
/// </summary>
internal sealed class JsonTextSink : IDisposable
{
    private const int ChunkBytes = 64 * 1024;

    // Relaxed escaping keeps '+', '<' and non-ASCII text readable; the output is a file, never embedded in HTML.
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes);
    private readonly TextWriter _output;

    public JsonTextSink(TextWriter output)
    {
        _output = output;
        Json = new Utf8JsonWriter(_buffer, s_options);
    }

    public Utf8JsonWriter Json { get; }

    /// <summary>Passes the bytes written so far on once they fill a chunk; call between whole JSON values.</summary>
    public async Task DrainIfFullAsync(CancellationToken cancellationToken)
    {
        if (Json.BytesPending + _buffer.WrittenCount >= ChunkBytes)
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Passes on everything written, ending the document with a line break.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        await _output.WriteLineAsync().ConfigureAwait(false);
    }

    public void Dispose() => Json.Dispose();

    // Flushing at a token boundary never splits a UTF-8 sequence, so each chunk decodes on its own.
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        Json.Flush();
        var text = Encoding.UTF8.GetString(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        await _output.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
