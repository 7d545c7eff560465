using System.Globalization;
using System.Text;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>
/// Reads broken XML and hands out well-formed XML that the strict reader can then read, streaming: a tolerant
/// tokenizer that recovers HTML named entities, escapes bare &amp; and &lt;, matches closing tags
/// case-insensitively, closes what was left open, declares undeclared namespace prefixes, drops DTDs and
/// control characters, and on a truncated document keeps only the complete items. Each kind of repair is
/// reported once with its count in <see cref="Warnings"/>, complete once the output has been read to its end.
/// </summary>
internal sealed class LiberalXmlReader(TextReader source) : TextReader
{
    private readonly SlidingText _text = new(source);
    private readonly StringBuilder _out = new();
    private readonly List<string> _open = [];
    /// <summary>Per open element, the prefixes it declares (null when none): what is in scope for its descendants.</summary>
    private readonly List<HashSet<string>?> _declared = [];
    private readonly HashSet<string> _undeclaredPrefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _repairs = new(StringComparer.Ordinal);
    private bool _rootClosed, _finished;
    private int _itemStartOutput = -1, _itemDepth = -1, _completeItems;
    private int _pos, _handedOut;

    /// <summary>One line per kind of repair, e.g. "recovered 3 undefined HTML entities".</summary>
    public List<string> Warnings
    {
        get
        {
            if (_undeclaredPrefixes.Count > 0) _repairs["declared {0} undeclared namespace prefixes"] = _undeclaredPrefixes.Count;
            return _repairs.Select(r => string.Format(CultureInfo.InvariantCulture, r.Key, r.Value)).ToList();
        }
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (Ready() == 0 && !_finished) Step();
        var n = Math.Min(Ready(), buffer.Length);
        if (n == 0) return 0;
        _out.CopyTo(_handedOut, buffer[..n], n);
        _handedOut += n;
        if (_handedOut > 16 * 1024 && _handedOut * 2 > _out.Length) Compact();
        return n;
    }

    public override int Peek()
    {
        while (Ready() == 0 && !_finished) Step();
        return Ready() == 0 ? -1 : _out[_handedOut];
    }

    public override int Read()
    {
        var c = Peek();
        if (c >= 0) _handedOut++;
        return c;
    }

    /// <summary>Output that may be handed out: an item in progress is held back in case the document ends inside it.</summary>
    private int Ready() => (_itemDepth >= 0 ? _itemStartOutput : _out.Length) - _handedOut;

    private void Compact()
    {
        _out.Remove(0, _handedOut);
        if (_itemStartOutput >= 0) _itemStartOutput -= _handedOut;
        _handedOut = 0;
    }

    /// <param name="kind">The warning's text with {0} where the count goes.</param>
    private void Count(string kind, int n = 1) => _repairs[kind] = _repairs.GetValueOrDefault(kind) + n;

    private void Step()
    {
        _text.Release(_pos - 1);
        if (_rootClosed || !_text.Has(_pos))
        {
            Finish();
            return;
        }
        var c = _text[_pos];
        if (c == '<')
        {
            if (!ReadMarkup()) Finish();
        }
        else if (c == '&') ReadReference();
        else AppendTextChar(c);
    }

    private void Finish()
    {
        if (_rootClosed) SkipTrailingContent();
        CloseAtEnd();
        _finished = true;
    }

    private void SkipTrailingContent()
    {
        var junk = false;
        for (; _text.Has(_pos); _pos++)
        {
            if (_text[_pos] == '<' && (_text.StartsWith(_pos, "<!--") || _text.StartsWith(_pos, "<?")))
            {
                var end = _text.IndexOf(_text.StartsWith(_pos, "<!--") ? "-->" : "?>", _pos);
                if (end < 0) break;
                _pos = end + 1;
            }
            else if (!char.IsWhiteSpace(_text[_pos])) junk = true;
            _text.Release(_pos - 1);
        }
        if (junk) Count("ignored content after the root element");
    }

    private void AppendTextChar(char c)
    {
        _pos++;
        if (!IsXmlChar(c, _pos - 1)) { Count("dropped {0} invalid control characters"); return; }
        if (_open.Count == 0)
        {
            if (!char.IsWhiteSpace(c)) Count("ignored {0} characters of text outside the root element");
            return;
        }
        if (c == '>') { _out.Append("&gt;"); return; }
        _out.Append(c);
    }

    private bool IsXmlChar(char c, int index)
    {
        if (c >= 0x20 && c < 0xD800) return true;
        if (c is '\t' or '\n' or '\r') return true;
        if (char.IsHighSurrogate(c)) return _text.Has(index + 1) && char.IsLowSurrogate(_text[index + 1]);
        if (char.IsLowSurrogate(c)) return index > 0 && char.IsHighSurrogate(_text[index - 1]);
        return c is >= '\uE000' and <= '\uFFFD';
    }

    /// <summary>Returns false when the document ends inside the markup (truncation).</summary>
    private bool ReadMarkup()
    {
        if (_text.StartsWith(_pos, "<!--")) return SkipPast("-->");
        if (_text.StartsWith(_pos, "<![CDATA["))
        {
            var end = _text.IndexOf("]]>", _pos + 9);
            if (end < 0) return false;
            if (_open.Count > 0)
            {
                _out.Append("<![CDATA[");
                foreach (var ch in _text.Span(_pos + 9, end - _pos - 9)) if (ch >= 0x20 || ch is '\t' or '\n' or '\r') _out.Append(ch);
                _out.Append("]]>");
            }
            _pos = end + 3;
            return true;
        }
        if (_text.StartsWith(_pos, "<!")) return SkipDeclaration();
        if (_text.StartsWith(_pos, "<?")) return SkipPast("?>");
        if (_text.StartsWith(_pos, "</")) return ReadEndTag();
        if (_text.Has(_pos + 1) && IsNameStart(_text[_pos + 1])) return ReadStartTag();
        _pos++;
        if (_open.Count > 0) { _out.Append("&lt;"); Count("escaped {0} bare '<' characters"); }
        return true;
    }

    private bool SkipPast(string terminator)
    {
        var end = _text.IndexOf(terminator, _pos);
        if (end < 0) return false;
        _pos = end + terminator.Length;
        return true;
    }

    /// <summary>A DOCTYPE (with its internal subset) is dropped: DTDs are never processed.</summary>
    private bool SkipDeclaration()
    {
        var depth = 0;
        for (var i = _pos + 2; _text.Has(i); i++)
        {
            var c = _text[i];
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == '>' && depth <= 0)
            {
                _pos = i + 1;
                return true;
            }
        }
        return false;
    }

    private bool ReadEndTag()
    {
        var close = _text.IndexOf('>', _pos);
        if (close < 0) return false;
        var name = _text.Span(_pos + 2, close - _pos - 2).Trim();
        var match = -1;
        for (var i = _open.Count - 1; i >= 0; i--)
            if (name.Equals(_open[i], StringComparison.OrdinalIgnoreCase)) { match = i; break; }
        var exact = match >= 0 && name.Equals(_open[match], StringComparison.Ordinal);
        _pos = close + 1;
        if (match < 0) { Count("dropped {0} closing tags that close nothing"); return true; }
        if (!exact) Count("matched {0} closing tags written in a different case");
        if (match < _open.Count - 1) Count("closed {0} elements left open", _open.Count - 1 - match);
        while (_open.Count > match) CloseTop();
        return true;
    }

    private void CloseTop()
    {
        var name = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        _declared.RemoveAt(_declared.Count - 1);
        _out.Append("</").Append(name).Append('>');
        if (_open.Count == _itemDepth)
        {
            _completeItems++;
            _itemStartOutput = _itemDepth = -1;
        }
        if (_open.Count == 0) _rootClosed = true;
    }

    private bool ReadStartTag()
    {
        var i = _pos + 1;
        var nameStart = i;
        while (_text.Has(i) && IsNameChar(_text[i])) i++;
        var name = CleanName(_text.Span(nameStart, i - nameStart));
        var attributes = new List<(string Name, string Value)>();
        var selfClosing = false;
        while (true)
        {
            while (_text.Has(i) && char.IsWhiteSpace(_text[i])) i++;
            if (!_text.Has(i)) return false;
            var c = _text[i];
            if (c == '>') { i++; break; }
            if (c == '/' && _text.Has(i + 1) && _text[i + 1] == '>') { selfClosing = true; i += 2; break; }
            if (c == '<') { Count("closed {0} tags missing their '>'"); break; }
            if (!IsNameStart(c)) { i++; continue; }
            var attrStart = i;
            while (_text.Has(i) && IsNameChar(_text[i])) i++;
            var attrName = CleanName(_text.Span(attrStart, i - attrStart));
            while (_text.Has(i) && char.IsWhiteSpace(_text[i])) i++;
            string value;
            if (_text.Has(i) && _text[i] == '=')
            {
                i++;
                while (_text.Has(i) && char.IsWhiteSpace(_text[i])) i++;
                if (!_text.Has(i)) return false;
                if (_text[i] is '"' or '\'')
                {
                    var end = _text.IndexOf(_text[i], i + 1);
                    if (end < 0) return false;
                    value = _text.Span(i + 1, end - i - 1).ToString();
                    i = end + 1;
                }
                else
                {
                    var start = i;
                    while (_text.Has(i) && !char.IsWhiteSpace(_text[i]) && _text[i] != '>') i++;
                    value = _text.Span(start, i - start).ToString();
                    Count("quoted {0} unquoted attribute values");
                }
            }
            else
            {
                value = attrName;
                Count("gave values to {0} attributes without one");
            }
            if (attributes.Exists(a => a.Name == attrName)) { Count("dropped {0} duplicate attributes"); continue; }
            if (attrName.StartsWith("xmlns:", StringComparison.Ordinal) && value.Length == 0) continue;
            attributes.Add((attrName, value));
        }
        _pos = i;
        if (_rootClosed) return false;

        var isItem = IsItemName(name);
        if (isItem && _itemDepth < 0)
        {
            _itemStartOutput = _out.Length;
            _itemDepth = _open.Count;
        }
        var declares = attributes.Where(a => a.Name.StartsWith("xmlns:", StringComparison.Ordinal)).Select(a => a.Name[6..]).ToHashSet(StringComparer.Ordinal);
        _out.Append('<').Append(name);
        foreach (var (attrName, value) in attributes)
        {
            _out.Append(' ').Append(attrName).Append("=\"");
            AppendAttributeValue(value);
            _out.Append('"');
        }
        foreach (var prefix in attributes.Select(a => a.Name).Prepend(name).Select(PrefixOf).OfType<string>().Distinct())
        {
            if (declares.Contains(prefix) || InScope(prefix)) continue;
            // Declared where it is used, so no earlier output has to change: the reader never looks back.
            _out.Append(" xmlns:").Append(prefix).Append("=\"").Append(XmlNamespaces.ForUndeclaredPrefix(prefix)).Append('"');
            declares.Add(prefix);
            _undeclaredPrefixes.Add(prefix);
        }
        if (selfClosing)
        {
            _out.Append("/>");
            if (_open.Count == 0) _rootClosed = true;
            if (isItem && _itemDepth == _open.Count) { _completeItems++; _itemStartOutput = _itemDepth = -1; }
        }
        else
        {
            _out.Append('>');
            _open.Add(name);
            _declared.Add(declares.Count == 0 ? null : declares);
        }
        return true;
    }

    private bool InScope(string prefix)
    {
        foreach (var declared in _declared)
            if (declared?.Contains(prefix) == true) return true;
        return false;
    }

    private static string? PrefixOf(string name)
    {
        var colon = name.IndexOf(':');
        if (colon <= 0) return null;
        var prefix = name[..colon];
        return prefix is "xml" or "xmlns" ? null : prefix;
    }

    private static bool IsItemName(string name)
    {
        var local = name.AsSpan(name.IndexOf(':') + 1);
        return local.Equals("item", StringComparison.OrdinalIgnoreCase) || local.Equals("entry", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One colon at most, not first or last: "a:b:c" becomes "a:b_c".</summary>
    private static string CleanName(ReadOnlySpan<char> raw)
    {
        var name = raw.ToString().Trim(':');
        var first = name.IndexOf(':');
        if (first >= 0 && name.IndexOf(':', first + 1) > 0)
            name = name[..(first + 1)] + name[(first + 1)..].Replace(':', '_');
        return name.Length == 0 ? "_" : name;
    }

    private void AppendAttributeValue(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '<': _out.Append("&lt;"); break;
                case '"': _out.Append("&quot;"); break;
                case '&': i = AppendReference(value, i, inAttribute: true) - 1; break;
                default:
                    if (c >= 0x20 || c is '\t' or '\n' or '\r') _out.Append(c);
                    break;
            }
        }
    }

    private void ReadReference()
    {
        if (_open.Count == 0) { _pos++; return; }
        // A reference is at most "&" + 40 name characters + ";": look at that much.
        var window = _text.Substring(_pos, 48);
        _pos += AppendReference(window, 0, inAttribute: false);
    }

    /// <summary>Appends the reference at <paramref name="start"/> (an '&amp;') in well-formed form; returns the index after it.</summary>
    private int AppendReference(string source, int start, bool inAttribute)
    {
        var i = start + 1;
        if (i < source.Length && source[i] == '#')
        {
            var hex = i + 1 < source.Length && source[i + 1] is 'x' or 'X';
            var digitsStart = hex ? i + 2 : i + 1;
            var j = digitsStart;
            while (j < source.Length && j - digitsStart < 8 && (hex ? char.IsAsciiHexDigit(source[j]) : char.IsAsciiDigit(source[j]))) j++;
            if (j > digitsStart && j < source.Length && source[j] == ';')
            {
                var code = int.Parse(source.AsSpan(digitsStart, j - digitsStart), hex ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture);
                if (IsXmlCodePoint(code)) _out.Append(source, start, j + 1 - start);
                else Count("dropped {0} references to invalid characters");
                return j + 1;
            }
        }
        else
        {
            var j = i;
            while (j < source.Length && j - i < 40 && char.IsAsciiLetterOrDigit(source[j])) j++;
            if (j > i && j < source.Length && source[j] == ';')
            {
                var name = source.AsSpan(i, j - i);
                if (name is "amp" or "lt" or "gt" or "quot" or "apos")
                {
                    _out.Append(source, start, j + 1 - start);
                    return j + 1;
                }
                if (HtmlEntities.Lookup(name) is { } chars)
                {
                    foreach (var rune in chars.EnumerateRunes()) _out.Append("&#x").Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    Count("recovered {0} undefined HTML entities");
                    return j + 1;
                }
                _out.Append("&amp;");
                Count("kept {0} unknown entities as text");
                return i;
            }
        }
        _out.Append("&amp;");
        Count(inAttribute ? "escaped {0} bare '&' characters in attributes" : "escaped {0} bare '&' characters");
        return i;
    }

    private static bool IsXmlCodePoint(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.';

    private void CloseAtEnd()
    {
        if (_open.Count == 0) return;
        if (_itemDepth >= 0)
        {
            _out.Length = _itemStartOutput;
            _open.RemoveRange(_itemDepth, _open.Count - _itemDepth);
            _declared.RemoveRange(_itemDepth, _declared.Count - _itemDepth);
            _itemStartOutput = _itemDepth = -1;
            _repairs["document truncated: kept {0} complete items"] = _completeItems;
        }
        else Count("document truncated: closed {0} elements left open", _open.Count);
        while (_open.Count > 0)
        {
            _out.Append("</").Append(_open[^1]).Append('>');
            _open.RemoveAt(_open.Count - 1);
            _declared.RemoveAt(_declared.Count - 1);
        }
    }
}
