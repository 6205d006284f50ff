namespace Depwatch.Core.PackageIndexes;

/// <summary>Reads text line by line into one reused buffer, so a 60 MB index is not turned into millions of strings.</summary>
internal sealed class LineReader(TextReader reader)
{
    private const int MaxLineLength = 1 << 20;

    private char[] _buffer = new char[64 * 1024];
    private int _start;
    private int _end;
    private bool _finished;

    /// <summary>The number of the line last read, from 1.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its end (<c>\n</c> or <c>\r\n</c>); false at the end of the text.</summary>
    public bool TryRead(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf('\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                LineNumber++;
                return true;
            }
            if (_finished)
            {
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                LineNumber += line.IsEmpty ? 0 : 1;
                return !line.IsEmpty;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineLength)
            {
                throw new PackageIndexFormatException($"line {LineNumber + 1} is longer than {MaxLineLength} characters");
            }
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = reader.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _finished = read == 0;
    }

    private static ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
