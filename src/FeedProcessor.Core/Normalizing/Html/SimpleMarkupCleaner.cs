using System.Collections.Frozen;
using System.Text;
using FeedProcessor.Core.Normalizing.Text;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>
/// The sanitizer's fast path. It is written by hand because it must be faster than any library: for typical feed
/// items (short, well-formed markup of paragraphs, links, emphasis, lists and images, perhaps a script to drop) the
/// full HTML5 parse and DOM sanitize of <see cref="HtmlCleaner"/> were two thirds of all normalizing. This reads such
/// a fragment in one pass and gives exactly what the full path gives for it: the same HTML, paragraphs and lead image.
/// <para>
/// It only takes markup whose HTML5 parse has no surprises: known elements, properly nested and closed, nothing that
/// an HTML parser would close or reopen implicitly (a block inside a &lt;p&gt;, a &lt;li&gt; inside a &lt;li&gt;,
/// &lt;a&gt; inside &lt;a&gt;), only plain comments, no tables or preformatted text, and only unambiguous character
/// references.
/// For anything else it returns null and the fragment goes to the full path, so being unsure is always safe.
/// <c>SimpleMarkupCleanerTests</c> holds the two paths equal on generated and real fragments.
/// </para>
/// </summary>
internal static class SimpleMarkupCleaner
{
    /// <summary>Deeper nesting goes to the full path (far below <see cref="NestingFlattener.MaxDepth"/>).</summary>
    private const int MaxDepth = 32;

    /// <summary>Elements the sanitizer keeps whose parsing is plain: all but tables (their content moves) and preformatted text.</summary>
    private static readonly FrozenSet<string> KeptElements = SanitizerPolicy.AllowedTags
        .Except(["caption", "col", "colgroup", "pre", "table", "tbody", "td", "tfoot", "th", "thead", "tr"])
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> VoidElements = FrozenSet.Create(StringComparer.Ordinal, "br", "hr", "img", "wbr");

    /// <summary>Dropped with their content; their content is raw text up to the matching end tag.</summary>
    private static readonly FrozenSet<string> RawTextElements = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "script", "style");

    /// <summary>
    /// Legacy presentation the sanitizer removes while keeping what is inside (old government sites still write
    /// them). Their tags vanish; their content stays where it was.
    /// </summary>
    private static readonly FrozenSet<string> UnwrappedElements = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "big", "center", "font", "strike", "tt");

    /// <summary>Start tags that make an HTML parser close an open &lt;p&gt; first (our subset of them).</summary>
    private static readonly FrozenSet<string> ClosesParagraph = FrozenSet.Create(StringComparer.Ordinal,
        "address", "article", "aside", "blockquote", "center", "details", "div", "dl", "dd", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "section", "summary", "ul");

    /// <summary>Elements of the HTML "special" category that can be open in our subset.</summary>
    private static readonly FrozenSet<string> Special = FrozenSet.Create(StringComparer.Ordinal,
        "address", "article", "aside", "blockquote", "center", "details", "div", "dl", "dd", "dt", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "ol", "p", "section", "summary", "ul");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ElementNames =
        KeptElements.Union(RawTextElements).Union(UnwrappedElements).ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The sanitized fragment, or null when it needs the full parser.</summary>
    public static CleanHtml? TryClean(string fragment, Uri? baseUrl) => new Pass(fragment, baseUrl).Run();

    /// <summary>A text node of the result; quotation repair may change it after it was read.</summary>
    private sealed class TextRun(string data)
    {
        public string Data = data;
    }

    private sealed class Pass(string source, Uri? baseUrl)
    {
        private readonly List<object> _output = []; // markup strings and text runs, in document order
        private readonly List<string> _open = [];
        private readonly StringBuilder _text = new();
        private readonly ParagraphWriter<TextRun> _paragraphs = new();
        private readonly List<KeyValuePair<string, string>> _attributes = [];
        private int _position;
        private string? _firstImage;
        private Uri? _base;
        private bool _baseRead;

        public CleanHtml? Run()
        {
            while (_position < source.Length)
            {
                char c = source[_position];
                if (c == '<')
                {
                    if (!ReadTag()) return null;
                }
                else if (c == '&')
                {
                    if (!ReadCharacterReference(_text, ref _position)) return null;
                }
                else
                {
                    int next = source.AsSpan(_position).IndexOfAny('<', '&', '\0');
                    if (next == 0) return null; // NUL: the full parser drops it in some places and replaces it in others
                    if (next < 0) next = source.Length - _position;
                    _text.Append(source, _position, next);
                    _position += next;
                }
            }
            EndText();
            if (_open.Count > 0) return null; // an element left open is closed implicitly somewhere
            _paragraphs.EndParagraph();

            var texts = HtmlCleaner.RepairQuotes(_paragraphs.Paragraphs, static (run, quote) =>
            {
                int start = run.Data.Length - run.Data.AsSpan().TrimStart().Length;
                run.Data = run.Data.Insert(start, quote);
            });
            return new CleanHtml(Serialize(), texts, _firstImage);
        }

        private string Serialize()
        {
            var html = new StringBuilder(source.Length);
            foreach (var part in _output)
            {
                if (part is TextRun run) AppendEscaped(html, run.Data, inAttribute: false);
                else html.Append((string)part);
            }
            return html.ToString();
        }

        private void EndText()
        {
            if (_text.Length == 0) return;
            var run = new TextRun(_text.ToString());
            _text.Clear();
            _output.Add(run);
            _paragraphs.Append(run.Data, run);
        }

        // ---- tags ----------------------------------------------------------------------------------------------

        private bool ReadTag()
        {
            int p = _position + 1;
            if (p < source.Length && source[p] == '/') return ReadEndTag(p + 1);
            if (source.AsSpan(p).StartsWith("!--", StringComparison.Ordinal)) return SkipComment(p + 3);
            if (p >= source.Length || !char.IsAsciiLetter(source[p])) return false; // "<" as text, <!doctype, <?

            int nameStart = p;
            while (p < source.Length && char.IsAsciiLetterOrDigit(source[p])) p++;
            // The sets hold lower-case names, and the lookup ignores case: "P" gives "p".
            if (!ElementNames.TryGetValue(source.AsSpan(nameStart, p - nameStart), out var name)) return false;
            if (!ReadAttributes(ref p, out bool selfClosing)) return false;
            _position = p;

            if (RawTextElements.Contains(name)) return SkipRawText(name, selfClosing);
            bool isVoid = VoidElements.Contains(name);
            if (selfClosing && !isVoid) return false; // "<p/>" opens a paragraph in HTML
            if (!OpensPlainly(name)) return false;

            EndText();
            // An unwrapped element (font, center...) writes nothing; its tags only split the text around them into
            // separate nodes, as the parser's do.
            if (UnwrappedElements.Contains(name)) return Open(name);
            bool block = HtmlTextExtractor.BlockElements.Contains(name);
            if (block) _paragraphs.EndParagraph();
            else if (name == "br") _paragraphs.LineBreak();

            if (!TryWriteStartTag(name, out var markup)) return false;
            if (markup is not null) _output.Add(markup);
            if (!isVoid) return Open(name);
            if (block) _paragraphs.EndParagraph(); // <hr> ends its paragraph on both sides
            return true;
        }

        /// <summary>Pushes an element that stays open until its end tag; false when nesting gets too deep.</summary>
        private bool Open(string name)
        {
            _open.Add(name);
            return _open.Count <= MaxDepth;
        }

        /// <summary>Whether an HTML parser would simply open the element here, closing nothing implicitly.</summary>
        private bool OpensPlainly(string name)
        {
            if (ClosesParagraph.Contains(name) && _open.Contains("p")) return false;
            if (name == "a" && _open.Contains("a")) return false;
            if (name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" && _open.Count > 0
                && _open[^1] is "h1" or "h2" or "h3" or "h4" or "h5" or "h6") return false;
            if (name is "li" or "dd" or "dt")
            {
                // A new list item closes the open one unless a list (or similar) element stands between them.
                for (int i = _open.Count - 1; i >= 0; i--)
                {
                    var open = _open[i];
                    if (name == "li" ? open == "li" : open is "dd" or "dt") return false;
                    if (Special.Contains(open) && open is not ("address" or "div" or "p")) break;
                }
            }
            return true;
        }

        private bool ReadEndTag(int p)
        {
            int nameStart = p;
            while (p < source.Length && char.IsAsciiLetterOrDigit(source[p])) p++;
            if (p == nameStart) return false;
            var name = source.AsSpan(nameStart, p - nameStart);
            while (p < source.Length && IsSpace(source[p])) p++;
            if (p >= source.Length || source[p] != '>') return false;
            if (_open.Count == 0 || !name.Equals(_open[^1], StringComparison.OrdinalIgnoreCase)) return false;

            var element = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            _position = p + 1;
            EndText();
            if (UnwrappedElements.Contains(element)) return true;
            _output.Add("</" + element + ">");
            if (HtmlTextExtractor.BlockElements.Contains(element)) _paragraphs.EndParagraph();
            return true;
        }

        /// <summary>
        /// A comment goes (the sanitizer removes them). Only the plain form is taken: "&lt;!--", text without "--",
        /// "--&gt;"; the odd ones (&lt;!--&gt;, --!&gt;, dashes inside) end where a browser would not expect.
        /// </summary>
        private bool SkipComment(int contentStart)
        {
            int end = source.IndexOf("-->", contentStart, StringComparison.Ordinal);
            if (end < 0) return false;
            var content = source.AsSpan(contentStart, end - contentStart);
            if (content.StartsWith('>') || content.StartsWith("->", StringComparison.Ordinal) || content.Contains("--", StringComparison.Ordinal)
                || content.EndsWith('-') || content.Contains("<!-", StringComparison.Ordinal) || content.Contains('\0')) return false;
            EndText();
            _position = end + 3;
            return true;
        }

        /// <summary>Script and style go with everything in them, which is raw text up to their end tag.</summary>
        private bool SkipRawText(string name, bool selfClosing)
        {
            if (selfClosing) return false;
            int end = source.IndexOf("</" + name, _position, StringComparison.OrdinalIgnoreCase);
            if (end < 0) return false;
            // "<!--" inside a script switches the tokenizer into escaped states that can hide the end tag.
            if (name == "script" && source.AsSpan(_position, end - _position).Contains("<!--", StringComparison.Ordinal)) return false;
            int close = end + 2 + name.Length;
            if (close >= source.Length || source[close] != '>') return false;
            EndText();
            _position = close + 1;
            return true;
        }

        // ---- attributes ----------------------------------------------------------------------------------------

        private bool ReadAttributes(ref int p, out bool selfClosing)
        {
            selfClosing = false;
            _attributes.Clear();
            if (p >= source.Length || !(IsSpace(source[p]) || source[p] is '/' or '>')) return false;
            while (true)
            {
                while (p < source.Length && IsSpace(source[p])) p++;
                if (p >= source.Length) return false;
                if (source[p] == '>') { p++; return true; }
                if (source[p] == '/')
                {
                    if (p + 1 >= source.Length || source[p + 1] != '>') return false;
                    selfClosing = true;
                    p += 2;
                    return true;
                }

                int nameStart = p;
                while (p < source.Length && IsAttributeNameChar(source[p])) p++;
                if (p == nameStart || p >= source.Length) return false;
                var name = source.Substring(nameStart, p - nameStart).ToLowerInvariant();
                foreach (var existing in _attributes)
                    if (existing.Key == name) return false; // the parser keeps the first; simpler to decline

                int afterName = p;
                while (p < source.Length && IsSpace(source[p])) p++;
                string value = "";
                if (p < source.Length && source[p] == '=')
                {
                    p++;
                    while (p < source.Length && IsSpace(source[p])) p++;
                    if (p >= source.Length) return false;
                    if (!ReadAttributeValue(ref p, out value)) return false;
                }
                else p = afterName;
                if (p >= source.Length || !(IsSpace(source[p]) || source[p] is '/' or '>')) return false;
                _attributes.Add(new(name, value));
            }
        }

        private bool ReadAttributeValue(ref int p, out string value)
        {
            value = "";
            char quote = source[p];
            int start, end;
            if (quote is '"' or '\'')
            {
                start = p + 1;
                end = source.IndexOf(quote, start);
                if (end < 0) return false;
                p = end + 1;
            }
            else
            {
                start = p;
                while (p < source.Length && !IsSpace(source[p]) && source[p] != '>')
                {
                    if (source[p] is '"' or '\'' or '<' or '=' or '`') return false;
                    p++;
                }
                end = p;
                if (end == start) return false;
            }

            var raw = source.AsSpan(start, end - start);
            if (raw.Contains('\0')) return false;
            if (!raw.Contains('&'))
            {
                value = raw.ToString();
                return true;
            }
            var decoded = new StringBuilder(raw.Length);
            for (int at = start; at < end;)
            {
                if (source[at] != '&') decoded.Append(source[at++]);
                else if (!ReadCharacterReference(decoded, ref at) || at > end) return false;
            }
            value = decoded.ToString();
            return true;
        }

        /// <summary>
        /// The start tag as the full path writes it after sanitizing and hardening (null for a dropped image); false
        /// when the full path must decide.
        /// </summary>
        private bool TryWriteStartTag(string name, out string? markup)
        {
            markup = null;
            // Exactly the sanitizer's order: drop attributes it does not allow, check and resolve URLs (dropping those
            // it refuses), drop values with "&{" (a script include in old browsers), then mark links as untrusted.
            var allowed = SanitizerPolicy.AllowedAttributes;
            var uriAttributes = SanitizerPolicy.UriAttributes;
            for (int i = _attributes.Count - 1; i >= 0; i--)
                if (!allowed.Contains(_attributes[i].Key)) _attributes.RemoveAt(i);
            for (int i = _attributes.Count - 1; i >= 0; i--)
            {
                var (attribute, value) = _attributes[i];
                if (!uriAttributes.Contains(attribute)) continue;
                if (!TrySanitizeUrl(name, value, out var url)) return false;
                if (url is null) _attributes.RemoveAt(i);
                else _attributes[i] = new(attribute, url);
            }
            for (int i = _attributes.Count - 1; i >= 0; i--)
                if (_attributes[i].Value.Contains("&{", StringComparison.Ordinal)) _attributes.RemoveAt(i);

            if (name == "a" && Find("href") is not null) _attributes.Add(new("rel", HtmlCleaner.LinkRel));
            if (name == "img")
            {
                var src = Find("src");
                if (string.IsNullOrWhiteSpace(src) || TrackingPixels.IsTrackingImage(Find("width"), Find("height"), src)) return true;
                _firstImage ??= src;
            }

            var tag = new StringBuilder(16 + 32 * _attributes.Count).Append('<').Append(name);
            foreach (var (attribute, value) in _attributes)
            {
                tag.Append(' ').Append(attribute).Append("=\"");
                AppendEscaped(tag, value, inAttribute: true);
                tag.Append('"');
            }
            markup = tag.Append('>').ToString();
            return true;
        }

        private string? Find(string attribute)
        {
            foreach (var pair in _attributes)
                if (pair.Key == attribute) return pair.Value;
            return null;
        }

        /// <summary>
        /// The sanitizer's URL rule: an allowed scheme as written, or a relative URL resolved against the base; null
        /// when the URL is refused. False for a scheme written with a character reference, which is left to the full path.
        /// </summary>
        private bool TrySanitizeUrl(string element, string url, out string? result)
        {
            url = url.TrimStart();
            result = null;
            if (!TryReadScheme(url, out var scheme)) return false;
            if (scheme is not null)
            {
                result = SanitizerPolicy.AllowedSchemes.Contains(scheme) ? url : null;
            }
            else if (Base() is { } baseUri)
            {
                try
                {
                    var resolved = new Uri(baseUri, url);
                    result = SanitizerPolicy.AllowedSchemes.Contains(resolved.Scheme) ? resolved.AbsoluteUri : null;
                }
                catch (UriFormatException)
                {
                    result = null;
                }
            }
            else result = baseUrl is null ? url : null;
            result = SanitizerPolicy.FilterDataUrl(element, result);
            return true;
        }

        /// <summary>What the sanitizer takes for a scheme: the text before the first ':' when no '/' or '#' comes first.</summary>
        private static bool TryReadScheme(string url, out string? scheme)
        {
            scheme = null;
            for (int i = 0; i < url.Length; i++)
            {
                char c = url[i];
                if (c is '/' or '#') return true;
                if (c == ':') { scheme = url[..i]; return true; }
                if (c == '&' && url.AsSpan(i).StartsWith("&#", StringComparison.Ordinal)) return false; // "&#58;" also counts as ':'
            }
            return true;
        }

        private Uri? Base()
        {
            if (!_baseRead)
            {
                _baseRead = true;
                if (baseUrl is not null) Uri.TryCreate(baseUrl.AbsoluteUri, UriKind.Absolute, out _base);
            }
            return _base;
        }

        // ---- character references ----------------------------------------------------------------------------

        /// <summary>
        /// Reads the reference at <paramref name="position"/> (an '&amp;') into <paramref name="into"/> and moves past it;
        /// false when an HTML parser could read it otherwise.
        /// </summary>
        private bool ReadCharacterReference(StringBuilder into, ref int position)
        {
            int p = position + 1;
            if (p < source.Length && source[p] == '#') return ReadNumericReference(into, p + 1, ref position);
            if (p >= source.Length || !char.IsAsciiLetterOrDigit(source[p]))
            {
                into.Append('&'); // a lone ampersand is text
                position = p;
                return true;
            }

            int nameStart = p;
            while (p < source.Length && char.IsAsciiLetterOrDigit(source[p])) p++;
            var run = source.AsSpan(nameStart, p - nameStart);
            if (p < source.Length && source[p] == ';' && HtmlEntities.Lookup(run) is { } characters)
            {
                into.Append(characters);
                position = p + 1;
                return true;
            }
            // "&copy2" or "&notes": a name valid without ";" starts the run, and what a parser makes of it depends on
            // whether it stands in an attribute and what follows. Other runs ("&id=", "&utm_source") are text anywhere.
            if (HtmlEntities.StartsWithLegacyName(run)) return false;
            into.Append('&').Append(run);
            position = p;
            return true;
        }

        private bool ReadNumericReference(StringBuilder into, int p, ref int position)
        {
            bool hex = p < source.Length && source[p] is 'x' or 'X';
            if (hex) p++;
            int digitsStart = p;
            while (p < source.Length && (hex ? char.IsAsciiHexDigit(source[p]) : char.IsAsciiDigit(source[p]))) p++;
            int digits = p - digitsStart;
            if (digits == 0 || digits > 7 || p >= source.Length || source[p] != ';') return false;
            int value = int.Parse(source.AsSpan(digitsStart, digits), hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture);
            if (!IsPlainCharacter(value)) return false; // NUL, controls, surrogates, noncharacters and C1 remapping
            if (value < 0x10000) into.Append((char)value);
            else into.Append(char.ConvertFromUtf32(value));
            position = p + 1;
            return true;
        }

        private static bool IsPlainCharacter(int value) =>
            value is 0x09 or 0x0A
            || value is >= 0x20 and < 0x7F
            || value is >= 0xA0 and < 0xD800
            || value is >= 0xE000 and < 0xFDD0
            || value is >= 0xFDF0 and <= 0xFFFD
            || (value is >= 0x10000 and <= 0x10FFFF && (value & 0xFFFE) != 0xFFFE);

        // ---- characters ---------------------------------------------------------------------------------------

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f';

        private static bool IsAttributeNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.';

        /// <summary>AngleSharp's HTML serialization as the sanitizer configures it (&lt; and &gt; escaped in attributes too).</summary>
        private static void AppendEscaped(StringBuilder output, string text, bool inAttribute)
        {
            foreach (char c in text)
            {
                switch (c)
                {
                    case '&': output.Append("&amp;"); break;
                    case '\u00A0': output.Append("&nbsp;"); break;
                    case '<': output.Append("&lt;"); break;
                    case '>': output.Append("&gt;"); break;
                    case '"' when inAttribute: output.Append("&quot;"); break;
                    default: output.Append(c); break;
                }
            }
        }
    }
}
