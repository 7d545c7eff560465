using System.Globalization;
using System.Text;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>
/// Rewrites broken XML into well-formed XML that the strict reader can then read: a tolerant tokenizer that
/// recovers HTML named entities, escapes bare &amp; and &lt;, matches closing tags case-insensitively, closes
/// what was left open, declares undeclared namespace prefixes, drops DTDs and control characters, and on a
/// truncated document keeps only the complete items. Each kind of repair is reported once with its count.
/// </summary>
internal sealed class LiberalXmlRepair
{
    private readonly string _text;
    private readonly StringBuilder _out;
    private readonly List<string> _open = [];
    private readonly Dictionary<string, int> _repairs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedPrefixes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rootPrefixes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declaredAnywhere = new(StringComparer.Ordinal);
    private int _rootNameEnd = -1;
    private bool _rootClosed;
    private int _itemStartOutput = -1, _itemDepth = -1, _completeItems;
    private int _pos;

    private LiberalXmlRepair(string text)
    {
        _text = text;
        _out = new StringBuilder(text.Length + text.Length / 16);
    }

    /// <summary>The repaired document and one warning per kind of repair made.</summary>
    public static (string Xml, List<string> Warnings) Repair(string text)
    {
        var repair = new LiberalXmlRepair(text);
        repair.Run();
        return (repair._out.ToString(), repair.Warnings());
    }

    /// <param name="kind">The warning's text with {0} where the count goes.</param>
    private void Count(string kind, int n = 1) => _repairs[kind] = _repairs.GetValueOrDefault(kind) + n;

    private void Run()
    {
        while (_pos < _text.Length && !_rootClosed)
        {
            var c = _text[_pos];
            if (c == '<') { if (!ReadMarkup()) break; }
            else if (c == '&') ReadReference();
            else AppendTextChar(c);
        }
        if (_pos < _text.Length && _text.AsSpan(_pos).Trim().Length > 0 && _rootClosed)
        {
            var rest = _text.AsSpan(_pos).TrimStart();
            if (!rest.StartsWith("<!--") && !rest.StartsWith("<?")) Count("ignored content after the root element ({0} times)");
        }
        CloseAtEnd();
        DeclareUndeclaredPrefixes();
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
        if (char.IsHighSurrogate(c)) return index + 1 < _text.Length && char.IsLowSurrogate(_text[index + 1]);
        if (char.IsLowSurrogate(c)) return index > 0 && char.IsHighSurrogate(_text[index - 1]);
        return c is >= '\uE000' and <= '\uFFFD';
    }

    /// <summary>Returns false when the document ends inside the markup (truncation).</summary>
    private bool ReadMarkup()
    {
        var rest = _text.AsSpan(_pos);
        if (rest.StartsWith("<!--")) return SkipPast("-->");
        if (rest.StartsWith("<![CDATA[", StringComparison.Ordinal))
        {
            var end = _text.IndexOf("]]>", _pos + 9, StringComparison.Ordinal);
            if (end < 0) return false;
            if (_open.Count > 0)
            {
                var content = _text.AsSpan(_pos + 9, end - _pos - 9);
                _out.Append("<![CDATA[");
                foreach (var ch in content) if (ch >= 0x20 || ch is '\t' or '\n' or '\r') _out.Append(ch);
                _out.Append("]]>");
            }
            _pos = end + 3;
            return true;
        }
        if (rest.StartsWith("<!")) return SkipDeclaration();
        if (rest.StartsWith("<?")) return SkipPast("?>");
        if (rest.StartsWith("</")) return ReadEndTag();
        if (rest.Length > 1 && IsNameStart(rest[1])) return ReadStartTag();
        _pos++;
        if (_open.Count > 0) { _out.Append("&lt;"); Count("escaped {0} bare '<' characters"); }
        return true;
    }

    private bool SkipPast(string terminator)
    {
        var end = _text.IndexOf(terminator, _pos, StringComparison.Ordinal);
        if (end < 0) return false;
        _pos = end + terminator.Length;
        return true;
    }

    /// <summary>A DOCTYPE (with its internal subset) is dropped: DTDs are never processed.</summary>
    private bool SkipDeclaration()
    {
        var depth = 0;
        for (var i = _pos + 2; i < _text.Length; i++)
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
        var name = _text.AsSpan(_pos + 2, close - _pos - 2).Trim();
        _pos = close + 1;
        var match = -1;
        for (var i = _open.Count - 1; i >= 0; i--)
            if (name.Equals(_open[i], StringComparison.OrdinalIgnoreCase)) { match = i; break; }
        if (match < 0) { Count("dropped {0} closing tags that close nothing"); return true; }
        if (!name.Equals(_open[match], StringComparison.Ordinal)) Count("matched {0} closing tags written in a different case");
        if (match < _open.Count - 1) Count("closed {0} elements left open", _open.Count - 1 - match);
        while (_open.Count > match) CloseTop();
        return true;
    }

    private void CloseTop()
    {
        var name = _open[^1];
        _open.RemoveAt(_open.Count - 1);
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
        while (i < _text.Length && IsNameChar(_text[i])) i++;
        var name = CleanName(_text.AsSpan(nameStart, i - nameStart));
        var attributes = new List<(string Name, string Value)>();
        var selfClosing = false;
        while (true)
        {
            while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
            if (i >= _text.Length) return false;
            var c = _text[i];
            if (c == '>') { i++; break; }
            if (c == '/' && i + 1 < _text.Length && _text[i + 1] == '>') { selfClosing = true; i += 2; break; }
            if (c == '<') { Count("closed {0} tags missing their '>'"); break; }
            if (!IsNameStart(c)) { i++; continue; }
            var attrStart = i;
            while (i < _text.Length && IsNameChar(_text[i])) i++;
            var attrName = CleanName(_text.AsSpan(attrStart, i - attrStart));
            while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
            string value;
            if (i < _text.Length && _text[i] == '=')
            {
                i++;
                while (i < _text.Length && char.IsWhiteSpace(_text[i])) i++;
                if (i >= _text.Length) return false;
                if (_text[i] is '"' or '\'')
                {
                    var quote = _text[i];
                    var end = _text.IndexOf(quote, i + 1);
                    if (end < 0) return false;
                    value = _text[(i + 1)..end];
                    i = end + 1;
                }
                else
                {
                    var start = i;
                    while (i < _text.Length && !char.IsWhiteSpace(_text[i]) && _text[i] != '>') i++;
                    value = _text[start..i];
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
        NotePrefix(name);
        _out.Append('<').Append(name);
        if (_open.Count == 0) _rootNameEnd = _out.Length;
        foreach (var (attrName, value) in attributes)
        {
            if (attrName.StartsWith("xmlns:", StringComparison.Ordinal))
            {
                _declaredAnywhere.Add(attrName[6..]);
                if (_open.Count == 0) _rootPrefixes.Add(attrName[6..]);
            }
            else NotePrefix(attrName);
            _out.Append(' ').Append(attrName).Append("=\"");
            AppendAttributeValue(value);
            _out.Append('"');
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
        }
        return true;
    }

    private static bool IsItemName(string name)
    {
        var local = name.AsSpan(name.IndexOf(':') + 1);
        return local.Equals("item", StringComparison.OrdinalIgnoreCase) || local.Equals("entry", StringComparison.OrdinalIgnoreCase);
    }

    private void NotePrefix(string name)
    {
        var colon = name.IndexOf(':');
        if (colon <= 0) return;
        var prefix = name[..colon];
        if (prefix is "xml" or "xmlns") return;
        _usedPrefixes.Add(prefix);
    }

    /// <summary>One colon at most, not first or last: "a:b:c" becomes "a:b_c".</summary>
    private string CleanName(ReadOnlySpan<char> raw)
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
                case '&':
                    i = AppendReference(value, i, inAttribute: true) - 1;
                    break;
                default:
                    if (c >= 0x20 || c is '\t' or '\n' or '\r') _out.Append(c);
                    break;
            }
        }
    }

    private void ReadReference()
    {
        if (_open.Count == 0) { _pos++; return; }
        _pos = AppendReference(_text, _pos, inAttribute: false);
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
            _itemStartOutput = _itemDepth = -1;
            _repairs["document truncated: kept {0} complete items"] = _completeItems;
        }
        else Count("document truncated: closed {0} elements left open", _open.Count);
        while (_open.Count > 0)
        {
            var name = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            _out.Append("</").Append(name).Append('>');
        }
    }

    private void DeclareUndeclaredPrefixes()
    {
        if (_rootNameEnd < 0) return;
        var declarations = new StringBuilder();
        foreach (var prefix in _usedPrefixes.Where(p => !_rootPrefixes.Contains(p)).Order(StringComparer.Ordinal))
        {
            declarations.Append(" xmlns:").Append(prefix).Append("=\"").Append(XmlNamespaces.ForUndeclaredPrefix(prefix)).Append('"');
            if (!_declaredAnywhere.Contains(prefix)) Count("declared {0} undeclared namespace prefixes");
        }
        _out.Insert(_rootNameEnd, declarations.ToString());
    }

    private List<string> Warnings() =>
        _repairs.Select(r => string.Format(CultureInfo.InvariantCulture, r.Key, r.Value)).ToList();
}
