using System.Text.Json;

namespace Depwatch.Core.Sbom;

/// <summary>The synchronous steps over the bytes already buffered.</summary>
internal sealed partial class JsonTokenReader
{
    private int _valueStart;
    private int _valueLength;
    private bool _valueIsEscaped;

    private Utf8JsonReader CreateReader() => new(_buffer.AsSpan(_start, _end - _start), _isFinalBlock, _state);

    private bool TryReadToken(JsonPath path)
    {
        var reader = CreateReader();
        if (ReadOrThrow(ref reader, path))
        {
            Capture(ref reader);
            return true;
        }
        ThrowIfDocumentEnded(path);
        return false;
    }

    /// <summary>Reads tokens until the end of the value that starts at <paramref name="depth"/>.</summary>
    private bool TrySkipWithinBuffer(int depth, JsonPath path)
    {
        var reader = CreateReader();
        while (ReadOrThrow(ref reader, path))
        {
            if (reader.CurrentDepth == depth)
            {
                Capture(ref reader);
                return true;
            }
        }
        // Keep what was skipped so far consumed, so the buffer never has to hold the skipped value whole.
        Consume(ref reader);
        ThrowIfDocumentEnded(path);
        return false;
    }

    private bool IsAtEndOfDocument()
    {
        var reader = CreateReader();
        if (ReadOrThrow(ref reader, JsonPath.Root))
        {
            throw new BomFormatException("malformed JSON: content follows the root object", JsonPath.Root.ToString());
        }
        return _isFinalBlock;
    }

    private bool ReadOrThrow(ref Utf8JsonReader reader, JsonPath path)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException e)
        {
            throw Malformed(e, path, EndsInsideValue() ? "the document ends unexpectedly" : null);
        }
    }

    /// <summary>Whether only whitespace is left of a document whose end has been read.</summary>
    private bool EndsInsideValue() =>
        _isFinalBlock && _buffer.AsSpan(_start, _end - _start).IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private void ThrowIfDocumentEnded(JsonPath path)
    {
        if (_isFinalBlock)
        {
            throw new BomFormatException("malformed JSON: the document ends unexpectedly", path.ToString());
        }
    }

    private void Capture(ref Utf8JsonReader reader)
    {
        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        var tokenStart = _start + (int)reader.TokenStartIndex;
        var isQuoted = TokenType is JsonTokenType.String or JsonTokenType.PropertyName;
        _valueStart = isQuoted ? tokenStart + 1 : tokenStart;
        _valueLength = reader.ValueSpan.Length;
        _valueIsEscaped = reader.ValueIsEscaped;
        Consume(ref reader);
    }

    private void Consume(ref Utf8JsonReader reader)
    {
        _state = reader.CurrentState;
        _start += (int)reader.BytesConsumed;
    }

    private static BomFormatException Malformed(JsonException e, JsonPath path, string? problem = null)
    {
        var message = problem ?? e.Message;
        var positionSuffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (positionSuffix >= 0)
        {
            message = message[..positionSuffix];
        }
        var location = e.LineNumber is { } line
            ? $"{path}, line {line + 1}, byte {e.BytePositionInLine + 1}"
            : path.ToString();
        return new BomFormatException($"malformed JSON: {message}", location, e);
    }
}
