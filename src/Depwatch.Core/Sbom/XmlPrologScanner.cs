namespace Depwatch.Core.Sbom;

internal enum XmlPrologOutcome
{
    /// <summary>The prolog declares a document type.</summary>
    Doctype,

    /// <summary>The prolog ends without one (the root element or something unexpected follows).</summary>
    NoDoctype,

    /// <summary>The bytes end inside the prolog.</summary>
    Undecided,
}

internal readonly record struct XmlPrologScan(XmlPrologOutcome Outcome, string? Location = null);

/// <summary>
/// Finds a DOCTYPE in an XML prolog and says where it is. XmlReader rejects DTDs itself but its
/// exception carries no line or position, which a user needs to find the offending declaration.
/// </summary>
internal static class XmlPrologScanner
{
    public static XmlPrologScan Scan(ReadOnlySpan<byte> text)
    {
        var position = new TextPosition(1, 1);
        var offset = 0;
        while (offset < text.Length)
        {
            var rest = text[offset..];
            var length = LengthOfSkippableItem(rest);
            if (length == 0)
            {
                return rest.StartsWith("<!DOCTYPE"u8)
                    ? new XmlPrologScan(XmlPrologOutcome.Doctype, position.ToString())
                    : Undecided(rest) ? new XmlPrologScan(XmlPrologOutcome.Undecided)
                    : new XmlPrologScan(XmlPrologOutcome.NoDoctype);
            }
            position = position.Advance(rest[..length]);
            offset += length;
        }
        return new XmlPrologScan(XmlPrologOutcome.Undecided);
    }

    /// <summary>
    /// The length of the whitespace, declaration, processing instruction or comment at the start;
    /// 0 when none is there whole.
    /// </summary>
    private static int LengthOfSkippableItem(ReadOnlySpan<byte> text)
    {
        var whitespace = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (whitespace != 0)
        {
            return whitespace < 0 ? text.Length : whitespace;
        }
        if (text.StartsWith("<?"u8))
        {
            return LengthThrough(text, "?>"u8);
        }
        return text.StartsWith("<!--"u8) ? LengthThrough(text, "-->"u8) : 0;
    }

    private static int LengthThrough(ReadOnlySpan<byte> text, ReadOnlySpan<byte> terminator)
    {
        var end = text[2..].IndexOf(terminator);
        return end < 0 ? 0 : end + 2 + terminator.Length;
    }

    /// <summary>Whether the bytes stop before telling what comes: an unfinished item or a cut "&lt;!DOCTYPE".</summary>
    private static bool Undecided(ReadOnlySpan<byte> rest) =>
        rest.StartsWith("<?"u8) || rest.StartsWith("<!--"u8)
        || (rest.Length < "<!DOCTYPE".Length && "<!DOCTYPE"u8.StartsWith(rest));

    private readonly record struct TextPosition(int Line, int Column)
    {
        public TextPosition Advance(ReadOnlySpan<byte> text)
        {
            var (line, column) = (Line, Column);
            for (var i = 0; i < text.Length; i++)
            {
                var isNewLine = text[i] == '\n' ? i == 0 || text[i - 1] != '\r' : text[i] == '\r';
                if (isNewLine)
                {
                    (line, column) = (line + 1, 1);
                }
                else if ((text[i] & 0xC0) != 0x80 && text[i] != '\n')
                {
                    column++;
                }
            }
            return new TextPosition(line, column);
        }

        public override string ToString() => $"line {Line}, position {Column}";
    }
}
