namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>
/// Random access by absolute position over text read from a TextReader, keeping in memory only what lies
/// between the last released position and the furthest look-ahead, so a tokenizer can stream a document of any size.
/// </summary>
internal sealed class SlidingText(TextReader source)
{
    private char[] _buffer = new char[32 * 1024];
    private int _offset; // absolute position of _buffer[0]
    private int _count;
    private bool _eof;

    /// <summary>True when the character at <paramref name="index"/> exists, reading ahead as far as needed.</summary>
    public bool Has(int index)
    {
        while (index >= _offset + _count)
            if (!Fill()) return false;
        return true;
    }

    /// <summary>The character at an absolute position that <see cref="Has"/> confirmed and that was not released.</summary>
    public char this[int index] => _buffer[index - _offset];

    public bool StartsWith(int index, string value)
    {
        if (!Has(index + value.Length - 1)) return false;
        return _buffer.AsSpan(index - _offset, value.Length).SequenceEqual(value);
    }

    /// <summary>The absolute position of <paramref name="value"/> at or after <paramref name="from"/>, or -1 when the text ends first.</summary>
    public int IndexOf(string value, int from)
    {
        var searchFrom = from;
        while (true)
        {
            if (searchFrom < _offset + _count)
            {
                var found = _buffer.AsSpan(searchFrom - _offset, _offset + _count - searchFrom).IndexOf(value, StringComparison.Ordinal);
                if (found >= 0) return searchFrom + found;
                searchFrom = Math.Max(from, _offset + _count - value.Length + 1);
            }
            if (!Fill()) return -1;
        }
    }

    public int IndexOf(char value, int from)
    {
        var searchFrom = from;
        while (true)
        {
            if (searchFrom < _offset + _count)
            {
                var found = _buffer.AsSpan(searchFrom - _offset, _offset + _count - searchFrom).IndexOf(value);
                if (found >= 0) return searchFrom + found;
                searchFrom = _offset + _count;
            }
            if (!Fill()) return -1;
        }
    }

    /// <summary>Characters [from, from + length) that <see cref="Has"/> confirmed.</summary>
    public ReadOnlySpan<char> Span(int from, int length) => _buffer.AsSpan(from - _offset, length);

    /// <summary>Up to <paramref name="maxLength"/> characters from <paramref name="from"/>, fewer at the end of the text.</summary>
    public string Substring(int from, int maxLength)
    {
        Has(from + maxLength - 1);
        var length = Math.Max(0, Math.Min(maxLength, _offset + _count - from));
        return new string(_buffer, from - _offset, length);
    }

    /// <summary>Positions before <paramref name="index"/> will not be read again; their memory can be reused.</summary>
    public void Release(int index)
    {
        var drop = index - _offset;
        if (drop < _buffer.Length / 2) return; // move memory only when it frees a good share
        Array.Copy(_buffer, drop, _buffer, 0, _count - drop);
        _offset += drop;
        _count -= drop;
    }

    private bool Fill()
    {
        if (_eof) return false;
        if (_count == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = source.Read(_buffer, _count, _buffer.Length - _count);
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _count += read;
        return true;
    }
}
