using System.Text;

namespace Depwatch.Core.Purl;

/// <summary>Percent-encoding of purl components as the specification defines it.</summary>
internal static class PurlEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string value)
    {
        if (value.All(IsKeptAsIs))
        {
            return value;
        }
        var builder = new StringBuilder(value.Length + 16);
        foreach (var octet in Encoding.UTF8.GetBytes(value))
        {
            AppendOctet(builder, octet);
        }
        return builder.ToString();
    }

    /// <summary>Decodes %XX triplets; <paramref name="what"/> names the component in error messages.</summary>
    public static string Decode(string text, string what)
    {
        if (!text.Contains('%'))
        {
            return text;
        }
        var octets = DecodeOctets(Encoding.UTF8.GetBytes(text), text, what);
        try
        {
            return s_strictUtf8.GetString(octets);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidPurlException($"{what} '{text}' is not valid UTF-8 once percent-decoded");
        }
    }

    // The spec keeps ':' unencoded everywhere, not only where it separates scheme and type.
    private static bool IsKeptAsIs(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or ':';

    private static void AppendOctet(StringBuilder builder, byte octet)
    {
        if (octet < 0x80 && IsKeptAsIs((char)octet))
        {
            builder.Append((char)octet);
            return;
        }
        builder.Append('%').Append(HexDigits[octet >> 4]).Append(HexDigits[octet & 0xF]);
    }

    private static byte[] DecodeOctets(byte[] input, string text, string what)
    {
        var output = new byte[input.Length];
        var length = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '%')
            {
                output[length++] = input[i];
                continue;
            }
            if (i + 2 >= input.Length || HexValue(input[i + 1]) < 0 || HexValue(input[i + 2]) < 0)
            {
                throw new InvalidPurlException($"{what} '{text}' has a '%' that is not followed by two hex digits");
            }
            output[length++] = (byte)((HexValue(input[i + 1]) << 4) | HexValue(input[i + 2]));
            i += 2;
        }
        return output[..length];
    }

    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        _ => -1,
    };
}
