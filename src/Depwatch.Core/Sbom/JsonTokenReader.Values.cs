using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Depwatch.Core.Sbom;

/// <summary>Typed access to the current token's value, with errors naming the expected kind and the path.</summary>
internal sealed partial class JsonTokenReader
{
    internal const int MaxPooledLength = 256;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True on an object's start, false on null.</summary>
    public bool StartsObject(JsonPath path) => StartsContainer(JsonTokenType.StartObject, path, "an object");

    /// <summary>True on an array's start, false on null.</summary>
    public bool StartsArray(JsonPath path) => StartsContainer(JsonTokenType.StartArray, path, "an array");

    public void ExpectObject(JsonPath path)
    {
        if (TokenType != JsonTokenType.StartObject)
        {
            throw WrongKind(path, "an object");
        }
    }

    public string GetString(JsonPath path) =>
        TokenType == JsonTokenType.String ? DecodeString(path) : throw WrongKind(path, "a string");

    public string? GetOptionalString(JsonPath path) => TokenType switch
    {
        JsonTokenType.String => DecodeString(path),
        JsonTokenType.Null => null,
        _ => throw WrongKind(path, "a string"),
    };

    public string? GetOptionalPooledString(JsonPath path, StringPool pool) =>
        TokenType == JsonTokenType.Null ? null : GetPooledString(path, pool);

    /// <summary>A string shared through <paramref name="pool"/>, for texts that repeat across components.</summary>
    public string GetPooledString(JsonPath path, StringPool pool)
    {
        if (TokenType != JsonTokenType.String || _valueIsEscaped || _valueLength > MaxPooledLength)
        {
            return pool.Get(GetString(path));
        }
        Span<char> chars = stackalloc char[MaxPooledLength];
        var length = DecodeInto(chars, path);
        return pool.Get(chars[..length]);
    }

    public int? GetOptionalInt32(JsonPath path)
    {
        if (TokenType == JsonTokenType.Null)
        {
            return null;
        }
        var digits = _buffer.AsSpan(_valueStart, _valueLength);
        if (TokenType == JsonTokenType.Number
            && Utf8Parser.TryParse(digits, out int value, out var consumed) && consumed == digits.Length)
        {
            return value;
        }
        throw WrongKind(path, "an integer");
    }

    public BomFormatException WrongKind(JsonPath path, string expected) =>
        new($"expected {expected} but found {DescribeToken()}", path.ToString());

    private bool StartsContainer(JsonTokenType start, JsonPath path, string kind)
    {
        if (TokenType == start)
        {
            return true;
        }
        if (TokenType == JsonTokenType.Null)
        {
            return false;
        }
        throw WrongKind(path, kind);
    }

    private string GetMemberName(JsonPath objectPath) =>
        (_valueIsEscaped ? null : JsonMemberNames.Find(_buffer.AsSpan(_valueStart, _valueLength)))
        ?? DecodeString(objectPath);

    private string DecodeString(JsonPath path)
    {
        try
        {
            if (!_valueIsEscaped)
            {
                return s_strictUtf8.GetString(_buffer, _valueStart, _valueLength);
            }
            // The raw token, quotes included, is still in the buffer: let a reader over it unescape.
            var quoted = new Utf8JsonReader(_buffer.AsSpan(_valueStart - 1, _valueLength + 2));
            quoted.Read();
            return quoted.GetString()!;
        }
        catch (Exception e) when (e is DecoderFallbackException or InvalidOperationException)
        {
            throw new BomFormatException("malformed JSON: a string is not valid UTF-8", path.ToString(), e);
        }
    }

    private int DecodeInto(Span<char> chars, JsonPath path)
    {
        try
        {
            return s_strictUtf8.GetChars(_buffer.AsSpan(_valueStart, _valueLength), chars);
        }
        catch (DecoderFallbackException e)
        {
            throw new BomFormatException("malformed JSON: a string is not valid UTF-8", path.ToString(), e);
        }
    }

    private string DescribeToken() => TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => TokenType.ToString(),
    };
}
