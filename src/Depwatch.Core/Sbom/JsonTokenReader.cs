using System.Text.Json;

namespace Depwatch.Core.Sbom;

/// <summary>
/// Pulls JSON tokens one at a time from a stream through a buffer that is refilled as tokens are consumed,
/// so memory stays proportional to the largest single token rather than to the document.
/// </summary>
internal sealed partial class JsonTokenReader
{
    // Deep enough for any real nesting of components; shallow enough to bound the readers' recursion.
    internal const int MaxDepth = 256;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _isFinalBlock;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = MaxDepth });

    public JsonTokenReader(Stream stream, DocumentPrefix prefix)
    {
        _stream = stream;
        _buffer = prefix.Buffer;
        _start = prefix.ContentStart;
        _end = prefix.End;
        _isFinalBlock = prefix.EndOfStream;
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>The nesting depth of the current token (0 for the root object's braces).</summary>
    public int Depth { get; private set; }

    /// <summary>Moves to the next token; <paramref name="path"/> is where it stands, for error messages.</summary>
    public ValueTask ReadAsync(JsonPath path, CancellationToken cancellationToken) =>
        TryReadToken(path) ? ValueTask.CompletedTask : ReadAfterRefillsAsync(path, cancellationToken);

    /// <summary>Moves to the next member of an object and onto its value; null at the object's end.</summary>
    public async ValueTask<string?> ReadMemberAsync(JsonPath objectPath, CancellationToken cancellationToken)
    {
        await ReadAsync(objectPath, cancellationToken);
        if (TokenType == JsonTokenType.EndObject)
        {
            return null;
        }
        var name = GetMemberName(objectPath);
        await ReadAsync(objectPath.Member(name), cancellationToken);
        return name;
    }

    /// <summary>Moves onto the next element of an array; false at the array's end.</summary>
    public async ValueTask<bool> ReadElementAsync(JsonPath arrayPath, int index, CancellationToken cancellationToken)
    {
        await ReadAsync(arrayPath.Element(index), cancellationToken);
        return TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Skips the current value: when it is an object or array, moves onto its end without materialising it.</summary>
    public ValueTask SkipAsync(JsonPath path, CancellationToken cancellationToken)
    {
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return ValueTask.CompletedTask;
        }
        var depth = Depth;
        return TrySkipWithinBuffer(depth, path)
            ? ValueTask.CompletedTask
            : SkipAfterRefillsAsync(depth, path, cancellationToken);
    }

    /// <summary>Checks that nothing but whitespace follows the root value.</summary>
    public async ValueTask ReadEndOfDocumentAsync(CancellationToken cancellationToken)
    {
        while (!IsAtEndOfDocument())
        {
            await RefillAsync(cancellationToken);
        }
    }

    private async ValueTask ReadAfterRefillsAsync(JsonPath path, CancellationToken cancellationToken)
    {
        do
        {
            await RefillAsync(cancellationToken);
        }
        while (!TryReadToken(path));
    }

    private async ValueTask SkipAfterRefillsAsync(int depth, JsonPath path, CancellationToken cancellationToken)
    {
        do
        {
            await RefillAsync(cancellationToken);
        }
        while (!TrySkipWithinBuffer(depth, path));
    }

    private async ValueTask RefillAsync(CancellationToken cancellationToken)
    {
        MakeRoom();
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        _isFinalBlock = read == 0;
    }

    /// <summary>
    /// Moves the unconsumed bytes to the front, and doubles the buffer when they still fill it: a single token
    /// is larger than the buffer.
    /// </summary>
    private void MakeRoom()
    {
        var pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            (_start, _end) = (0, pending);
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
